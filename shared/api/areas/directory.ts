import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './school.ts';
import type { AccountListItem, ClassSummary } from '../../domain/account.ts';
import { accountFilterSchema, accountSortSchema, type AccountFilter, type AccountSort } from '../../domain/selection.ts';

export interface ListQuery {
  filter: AccountFilter;
  sort: AccountSort;
  offset: number;
  limit: number;
}

export interface ListPage {
  /** Accounts matching the filter (« N comptes sélectionnés au total »). */
  total: number;
  /** Of those, how many have no e-mail address (« M comptes sans adresse courriel »). */
  withoutEmail: number;
  offset: number;
  items: AccountListItem[];
}

export interface DirectoryApi {
  'directory.list'(arg: ListQuery): ListPage;
  'directory.classes'(arg: NoArg): ClassSummary[];
}

export const directorySchemas = {
  'directory.list': z
    .object({
      filter: accountFilterSchema,
      sort: accountSortSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(50_000),
    })
    .strict(),
  'directory.classes': noArg,
} satisfies ArgSchemas<DirectoryApi>;
