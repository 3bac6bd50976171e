import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StartUpWork } from '../api/open-school.ts';
import type { CliCommand } from './command.ts';
import { CommandError, usage, UsageError } from './usage.ts';

// For bin/sesame.js when it runs the bundle: the cache then keeps V8's compiled chunks.
export { enableCompileCache } from '../core/compile-cache.ts';

/**
 * Each command's module, loaded on its own use: `--help` loads nothing else, `list` never pays
 * for the PDF, Excel, Word or mail libraries.
 */
const commands: Record<string, () => Promise<CliCommand>> = {
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  pdf: async () => (await import('./commands/pdf.ts')).pdfCommand,
  mail: async () => (await import('./commands/mail.ts')).mailCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  todo: async () => (await import('./commands/todo.ts')).todoCommand,
  encrypt: async () => (await import('./commands/encryption.ts')).encryptCommand,
  decrypt: async () => (await import('./commands/encryption.ts')).decryptCommand,
  api: async () => (await import('./commands/api.ts')).apiCommand,
};

interface Globals {
  db: string | undefined;
  keyFile: string | undefined;
  verbose: boolean;
  rest: string[];
}

/** Splits the global options `--db FILE`, `--key-file FILE` and `--verbose` (anywhere) from the rest. */
function takeGlobals(argv: string[]): Globals {
  const rest: string[] = [];
  const found: Record<'db' | 'key-file', string | undefined> = { db: undefined, 'key-file': undefined };
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--verbose') {
      verbose = true;
      continue;
    }
    const name = (['db', 'key-file'] as const).find((option) => arg === `--${option}` || arg.startsWith(`--${option}=`));
    if (!name) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} attend un chemin de fichier.`);
    found[name] = value;
  }
  return { db: found.db, keyFile: found['key-file'], verbose, rest };
}

/** The recovery key from --key-file, else SESAME_KEY, else none. Never echoed back. */
async function givenKey(keyFile: string | undefined, env: NodeJS.ProcessEnv): Promise<Buffer | null> {
  let text: string | undefined;
  if (keyFile !== undefined) {
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch {
      throw new CommandError(`Le fichier de clé ne peut pas être lu : ${keyFile}`);
    }
  } else text = env['SESAME_KEY'];
  if (!text?.trim()) return null;
  const { parseRecoveryKey } = await import('../core/db/school-key.ts');
  return parseRecoveryKey(text);
}

type Print = (text: string) => void;

const printOut: Print = (text) => void process.stdout.write(`${text}\n`);
const printErr: Print = (text) => void process.stderr.write(`${text}\n`);

/** The French message and exit code of a failure the director can act on, or null for a bug. */
async function knownFailure(error: unknown): Promise<{ text: string; code: number } | null> {
  if (error instanceof UsageError) return { text: `${error.message}\n\n${usage}`, code: 2 };
  if (error instanceof CommandError) return { text: error.message, code: 1 };
  // Loaded only now: these modules are already in memory whenever one of their errors was thrown.
  const [{ DamagedSchoolFileError }, cipher, { InvalidRecoveryKeyError }, { NewerSchoolFileError }, { SmtpEnvironmentError }] = await Promise.all([
    import('../core/db/integrity.ts'),
    import('../core/db/cipher.ts'),
    import('../core/db/school-key.ts'),
    import('../core/db/migrate.ts'),
    import('../core/publipostage/mail/settings.ts'),
  ]);
  if (error instanceof DamagedSchoolFileError) {
    return { text: `${error.message}\nOuvrez-le dans l’application Sésame pour choisir la sauvegarde à restaurer. (${error.detail})`, code: 1 };
  }
  if (
    error instanceof NewerSchoolFileError ||
    error instanceof SmtpEnvironmentError ||
    error instanceof cipher.MissingKeyError ||
    error instanceof cipher.WrongKeyError ||
    error instanceof InvalidRecoveryKeyError
  ) {
    return { text: error.message, code: 1 };
  }
  return null;
}

function startUpReport(work: StartUpWork): string {
  const parts = ['fichier vérifié'];
  if (work.backup) parts.push(`sauvegarde du jour : ${work.backup}`);
  if (work.purged) parts.push(`${work.purged} compte${work.purged > 1 ? 's' : ''} supprimé${work.purged > 1 ? 's' : ''} définitivement (pré-suppression de plus de 90 jours)`);
  return `Contrôle quotidien du fichier d’école fait : ${parts.join(' ; ')}.`;
}

export async function runCli(argv: string[], out: Print = printOut, err: Print = printErr): Promise<number> {
  try {
    const { db, keyFile, verbose, rest } = takeGlobals(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      out(usage);
      return name ? 0 : 2;
    }
    const load = commands[name];
    if (!load) throw new UsageError(`Commande inconnue : ${name}.`);
    const command = await load();
    let parsed;
    try {
      parsed = parseArgs({ args, options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const key = await givenKey(keyFile, process.env);
    const file = db ?? (await import('../core/paths.ts')).defaultSchoolFile();
    const brandNew = !existsSync(file);
    const [{ openSchool }, { keyOf, sessionRing }, { createClient }, { dispatch }, { jsonCopy }] = await Promise.all([
      import('../api/open-school.ts'),
      import('../core/db/cipher.ts'),
      import('../../shared/api/client.ts'),
      import('../api/dispatch.ts'),
      import('../api/json-copy.ts'),
    ]);
    // The mail settings' schemas load only when the SMTP variables are there to be read.
    const smtp = process.env['SESAME_SMTP_URL'] || process.env['SESAME_SMTP_FROM'] ? (await import('../core/publipostage/mail/settings.ts')).smtpEnvironment(process.env) : null;
    let checked = brandNew;
    const context = await openSchool(file, {
      startUpOncePerDay: true,
      onStartUpWork: (work) => {
        checked = true;
        if (verbose && !brandNew) err(startUpReport(work));
      },
      context: { smtpEnvironment: smtp, keys: sessionRing(key) },
    });
    // Scripts and tests keep working without a key; the director is told the file is readable by anyone.
    if (brandNew && !keyOf(context.db)) err(`Fichier d’école créé sans chiffrement (aucune clé donnée : SESAME_KEY ou --key-file) : ${file}`);
    try {
      // The answer goes straight to the command, without the in-process transport's copy back: a
      // script only prints it (the unit tests keep that copy), and 20,000 accounts cost 0.1 s to copy.
      const transport = { call: (method: string, arg: unknown) => dispatch(context, method, jsonCopy(arg)), subscribe: context.events.subscribe.bind(context.events) };
      await command.run({ api: createClient(transport), context, key, out, err }, parsed.values, parsed.positionals);
    } catch (error) {
      // The file was checked earlier today, not now: a failure may come from damage since, which the director must hear of as such.
      if (!checked) {
        const { assertSound, DamagedSchoolFileError } = await import('../core/db/integrity.ts');
        try {
          assertSound(context.db);
        } catch (check) {
          if (check instanceof DamagedSchoolFileError) throw check;
        }
      }
      throw error;
    } finally {
      context.db.close();
    }
    return 0;
  } catch (error) {
    const failure = await knownFailure(error);
    if (!failure) throw error;
    err(failure.text);
    return failure.code;
  }
}
