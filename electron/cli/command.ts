import type { ParseArgsConfig } from 'node:util';
import type { ApiClient } from '../../shared/api/client.ts';
import type { Result } from '../../shared/api/result.ts';
import type { CoreContext } from '../api/context.ts';
import { CommandError } from './usage.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliIo {
  api: ApiClient;
  context: CoreContext;
  /** The key given with SESAME_KEY or --key-file, if any. */
  key?: Buffer | null;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(io: CliIo, values: OptionValues, positionals: string[]): Promise<void>;
}

/** The value of an API answer, or a CommandError carrying its French message (exit 1). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CommandError(result.error.message);
  return result.value;
}
