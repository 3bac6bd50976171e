import type { ParseArgsConfig } from 'node:util';
import { accountSources, type AccountSource } from '../../shared/domain/account.ts';
import { accountFilterSchema, sortKeys, type AccountFilter, type AccountSort, type SortKey } from '../../shared/domain/selection.ts';
import { UsageError } from './usage.ts';

/** The filter options every selecting command accepts (list, pdf, mail, export). */
export const filterOptions = {
  profile: { type: 'string' },
  class: { type: 'string' },
  level: { type: 'string' },
  activated: { type: 'string' },
  email: { type: 'string' },
  'local-admin': { type: 'string' },
  blocked: { type: 'string' },
  'pre-deleted': { type: 'string' },
  'handed-out': { type: 'string' },
  'created-before': { type: 'string' },
  'created-since': { type: 'string' },
  source: { type: 'string' },
  'in-ent': { type: 'string' },
  search: { type: 'string' },
  sort: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type FilterValues = { [K in keyof typeof filterOptions]?: string };

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);

/** `--source ent,onde`: the registry names are typed in any case, as the UI shows them in capitals. */
function sourcesOption(value: string | undefined): AccountSource[] | undefined {
  return list(value)?.map((item) => {
    const source = accountSources.find((known) => known === item.toUpperCase());
    if (!source) throw new UsageError(`Source inconnue : ${item} (attendu : ${accountSources.join(', ')}).`);
    return source;
  });
}

/** `--in-ent yes|no`: accounts already in the ENT (their credentials are the ENT's), or not yet. */
function entStatusOption(value: string | undefined): 'known' | 'pending' | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes') return 'known';
  if (value === 'no') return 'pending';
  throw new UsageError(`--in-ent attend yes ou no (reçu : ${value}).`);
}

export function filterFromOptions(values: FilterValues): AccountFilter {
  const candidate = {
    profiles: list(values.profile),
    classes: list(values.class),
    levels: list(values.level),
    activated: values.activated,
    email: values.email,
    localAdmin: values['local-admin'],
    blocked: values.blocked,
    preDeleted: values['pre-deleted'],
    handedOut: values['handed-out'],
    createdBefore: values['created-before'],
    createdSince: values['created-since'],
    sources: sourcesOption(values.source),
    entStatus: entStatusOption(values['in-ent']),
    search: values.search,
  };
  const defined = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
  const parsed = accountFilterSchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? '');
    throw new UsageError(`Filtre invalide (${option}) : ${issue?.message ?? 'valeur refusée'}.`);
  }
  return parsed.data;
}

export function sortFromOption(value: string | undefined): AccountSort {
  const keys = list(value) ?? [];
  if (keys.length > 2) throw new UsageError('--sort accepte au plus deux clés : profile et/ou class.');
  for (const key of keys) {
    if (!(sortKeys as readonly string[]).includes(key)) {
      throw new UsageError(`Clé de tri inconnue : ${key} (attendu : profile, class).`);
    }
  }
  return [(keys[0] ?? 'none') as SortKey, (keys[1] ?? 'none') as SortKey];
}
