import { parseArgs } from 'node:util';
import { createClient } from '../../shared/api/client.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchool } from '../api/open-school.ts';
import { DamagedSchoolFileError } from '../core/db/integrity.ts';
import { NewerSchoolFileError } from '../core/db/migrate.ts';
import { defaultSchoolFile } from '../core/paths.ts';
import { smtpEnvironment, SmtpEnvironmentError } from '../core/publipostage/mail/settings.ts';
import type { CliCommand } from './command.ts';
import { apiCommand } from './commands/api.ts';
import { demoCommand } from './commands/demo.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { listCommand } from './commands/list.ts';
import { mailCommand } from './commands/mail.ts';
import { pdfCommand } from './commands/pdf.ts';
import { todoCommand } from './commands/todo.ts';
import { CommandError, usage, UsageError } from './usage.ts';

const commands: Record<string, CliCommand> = {
  demo: demoCommand,
  import: importCommand,
  list: listCommand,
  pdf: pdfCommand,
  mail: mailCommand,
  export: exportCommand,
  todo: todoCommand,
  api: apiCommand,
};

/** Splits `--db FILE` (anywhere) from the rest. */
function takeDb(argv: string[]): { db: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--db') {
      db = argv[++i];
      if (db === undefined) throw new UsageError('--db attend un chemin de fichier.');
    } else if (arg.startsWith('--db=')) db = arg.slice(5);
    else rest.push(arg);
  }
  return { db, rest };
}

type Print = (text: string) => void;

const printOut: Print = (text) => void process.stdout.write(`${text}\n`);
const printErr: Print = (text) => void process.stderr.write(`${text}\n`);

export async function runCli(argv: string[], out: Print = printOut, err: Print = printErr): Promise<number> {
  try {
    const { db, rest } = takeDb(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      out(usage);
      return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`Commande inconnue : ${name}.`);
    let parsed;
    try {
      parsed = parseArgs({ args, options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const context = await openSchool(db ?? defaultSchoolFile(), { context: { smtpEnvironment: smtpEnvironment(process.env) } });
    try {
      await command.run({ api: createClient(inProcessTransport(context)), context, out, err }, parsed.values, parsed.positionals);
    } finally {
      context.db.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof DamagedSchoolFileError) {
      err(`${error.message}\nOuvrez-le dans l’application Sésame pour choisir la sauvegarde à restaurer. (${error.detail})`);
      return 1;
    }
    if (error instanceof CommandError || error instanceof NewerSchoolFileError || error instanceof SmtpEnvironmentError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}
