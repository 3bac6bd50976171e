import type { z } from 'zod';
import { areaOf, argSchemaOf, availableWhenDamaged, type ApiMethod } from '../../shared/api/contract.ts';
import { fail, ok, type Result } from '../../shared/api/result.ts';
import { DamagedSchoolFileError } from '../core/db/integrity.ts';
import { NewerSchoolFileError } from '../core/db/migrate.ts';
import type { CoreContext } from './context.ts';
import { UserError } from './errors.ts';
import { handlerOf } from './handlers/index.ts';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')} : ${issue.message}` : issue.message))
    .join(' ; ');
}

/** Logs an unexpected failure without its message, which could hold personal data. */
function logInternal(method: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`[sesame] erreur interne dans ${method} (${name})\n${frames}`);
}

/**
 * The single entry point of every transport: rejects unknown methods, validates the argument
 * against its schema, runs the handler and turns every outcome into a Result.
 */
export async function dispatch(context: CoreContext, method: string, arg: unknown): Promise<Result<unknown>> {
  const area = areaOf(method);
  const schema = area && (await argSchemaOf(method));
  if (!area || !schema) return fail('unknown-method', `Action inconnue : ${method.slice(0, 80)}.`);
  if (context.fileState.status !== 'ok' && !availableWhenDamaged(method as ApiMethod)) {
    return fail('unavailable', 'Le fichier d’école est endommagé : restaurez d’abord une sauvegarde (Paramètres › Sauvegardes).');
  }
  const parsed = schema.safeParse(arg);
  if (!parsed.success) {
    return fail('invalid-argument', `Paramètres invalides pour ${method} : ${describeIssues(parsed.error)}.`);
  }
  try {
    const handler = await handlerOf(area, method as ApiMethod);
    if (!handler) throw new Error(`No handler for ${method}`);
    return ok(await handler(context, parsed.data));
  } catch (error) {
    if (error instanceof UserError) return fail(error.code, error.message);
    if (error instanceof NewerSchoolFileError || error instanceof DamagedSchoolFileError) return fail('unavailable', error.message);
    logInternal(method, error);
    return fail('internal', 'Une erreur inattendue est survenue. Rien n’a été enregistré pour cette action.');
  }
}

export type { ApiMethod };
