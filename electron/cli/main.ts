import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient } from '../../shared/api/client.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchool } from '../api/open-school.ts';
import { keyOf, MissingKeyError, sessionRing, WrongKeyError } from '../core/db/cipher.ts';
import { DamagedSchoolFileError } from '../core/db/integrity.ts';
import { InvalidRecoveryKeyError, parseRecoveryKey } from '../core/db/school-key.ts';
import { NewerSchoolFileError } from '../core/db/migrate.ts';
import { defaultSchoolFile } from '../core/paths.ts';
import { smtpEnvironment, SmtpEnvironmentError } from '../core/publipostage/mail/settings.ts';
import type { CliCommand } from './command.ts';
import { apiCommand } from './commands/api.ts';
import { demoCommand } from './commands/demo.ts';
import { decryptCommand, encryptCommand } from './commands/encryption.ts';
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
  encrypt: encryptCommand,
  decrypt: decryptCommand,
  api: apiCommand,
};

/** Splits the global options `--db FILE` and `--key-file FILE` (anywhere) from the rest. */
function takeGlobals(argv: string[]): { db: string | undefined; keyFile: string | undefined; rest: string[] } {
  const rest: string[] = [];
  const found: Record<'db' | 'key-file', string | undefined> = { db: undefined, 'key-file': undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = (['db', 'key-file'] as const).find((option) => arg === `--${option}` || arg.startsWith(`--${option}=`));
    if (!name) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} attend un chemin de fichier.`);
    found[name] = value;
  }
  return { db: found.db, keyFile: found['key-file'], rest };
}

/** The recovery key from --key-file, else SESAME_KEY, else none. Never echoed back. */
function givenKey(keyFile: string | undefined, env: NodeJS.ProcessEnv): Buffer | null {
  let text: string | undefined;
  if (keyFile !== undefined) {
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch {
      throw new CommandError(`Le fichier de clé ne peut pas être lu : ${keyFile}`);
    }
  } else text = env['SESAME_KEY'];
  return text?.trim() ? parseRecoveryKey(text) : null;
}

type Print = (text: string) => void;

const printOut: Print = (text) => void process.stdout.write(`${text}\n`);
const printErr: Print = (text) => void process.stderr.write(`${text}\n`);

export async function runCli(argv: string[], out: Print = printOut, err: Print = printErr): Promise<number> {
  try {
    const { db, keyFile, rest } = takeGlobals(argv);
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
    const key = givenKey(keyFile, process.env);
    const file = db ?? defaultSchoolFile();
    const brandNew = !existsSync(file);
    const context = await openSchool(file, { context: { smtpEnvironment: smtpEnvironment(process.env), keys: sessionRing(key) } });
    // Scripts and tests keep working without a key; the director is told the file is readable by anyone.
    if (brandNew && !keyOf(context.db)) err(`Fichier d’école créé sans chiffrement (aucune clé donnée : SESAME_KEY ou --key-file) : ${file}`);
    try {
      await command.run({ api: createClient(inProcessTransport(context)), context, key, out, err }, parsed.values, parsed.positionals);
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
    if (
      error instanceof CommandError ||
      error instanceof NewerSchoolFileError ||
      error instanceof SmtpEnvironmentError ||
      error instanceof MissingKeyError ||
      error instanceof WrongKeyError ||
      error instanceof InvalidRecoveryKeyError
    ) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}
