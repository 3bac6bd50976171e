import { allApiMethods } from '../../../shared/api/contract.ts';
import type { CliCommand } from '../command.ts';
import { CommandError, UsageError } from '../usage.ts';

/** `sesame api METHOD [JSON]`: the whole contract from a script. */
export const apiCommand: CliCommand = {
  options: {},
  allowPositionals: true,
  async run({ context, out }, _values, positionals) {
    const [method, json] = positionals;
    if (!method) throw new UsageError(`Indiquez une méthode parmi : ${(await allApiMethods()).join(', ')}.`);
    let arg: unknown = {};
    if (json !== undefined) {
      try {
        arg = JSON.parse(json);
      } catch {
        throw new UsageError('Le paramètre JSON est illisible.');
      }
    }
    const { inProcessTransport } = await import('../../api/in-process.ts');
    const result = await inProcessTransport(context).call(method, arg);
    if (!result.ok) {
      if (result.error.code === 'unknown-method' || result.error.code === 'invalid-argument') throw new UsageError(result.error.message);
      throw new CommandError(result.error.message);
    }
    out(JSON.stringify(result.value, null, 2));
  },
};
