import { existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { exportKinds, formatsOfKind, type ExportDestination, type ExportedFile, type ExportFormat, type ExportKind } from '../../../shared/domain/exports.ts';
import { unwrap, type CliCommand } from '../command.ts';
import { filterFromOptions, filterOptions, sortFromOption } from '../filters.ts';
import { CommandError, UsageError } from '../usage.ts';

function kindOption(value: string | undefined): ExportKind {
  if (value === undefined) return 'word';
  if (!(exportKinds as readonly string[]).includes(value)) throw new UsageError(`--kind attend ${exportKinds.join(', ')} (reçu : ${value}).`);
  return value as ExportKind;
}

/** The format comes from the file's extension; a folder takes --format or the kind's default. */
function formatFor(kind: ExportKind, out: string, isFolder: boolean, option: string | undefined): ExportFormat {
  const wanted = isFolder ? (option ?? formatsOfKind[kind][0]) : extname(out).slice(1).toLowerCase();
  if (!(formatsOfKind[kind] as readonly string[]).includes(wanted as ExportFormat)) {
    const allowed = formatsOfKind[kind].map((format) => `.${format}`).join(' ou ');
    throw new UsageError(`--kind ${kind} s’écrit en ${allowed} (reçu : ${isFolder ? wanted : out}).`);
  }
  return wanted as ExportFormat;
}

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

function report(files: ExportedFile[], out: (text: string) => void): void {
  for (const file of files) out(`Fichier écrit : ${file.path}${file.rows ? ` (${file.rows} lignes)` : ''}`);
}

/**
 * `sesame export --out FILE.xlsx|FILE.csv [--kind word|directory|ent-import] [filtres] [--sort …]`
 * and `sesame export --word-templates DOSSIER`.
 */
export const exportCommand: CliCommand = {
  options: { ...filterOptions, out: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string' }, 'word-templates': { type: 'string' } },
  async run({ api, out }, values) {
    const templates = values['word-templates'] as string | undefined;
    const target = values['out'] as string | undefined;
    if (templates === undefined && target === undefined) throw new UsageError('Indiquez --out FICHIER ou --word-templates DOSSIER.');
    if (templates !== undefined) {
      const folder = resolve(templates);
      // The README's own example names a folder to be: make it, as `mkdir -p` would.
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        throw new CommandError(`Impossible de créer le dossier ${folder} : un fichier porte déjà ce nom, ou l’emplacement est protégé.`);
      }
      report(unwrap(await api.exports.wordTemplates({ destination: { to: 'folder', path: folder } })).files, out);
    }
    if (target === undefined) return;

    const kind = kindOption(values['kind'] as string | undefined);
    const path = resolve(target);
    const folder = isFolder(path);
    const format = formatFor(kind, path, folder, values['format'] as string | undefined);
    const destination: ExportDestination = folder ? { to: 'folder', path } : { to: 'file', path };
    const filter = filterFromOptions(values as Record<string, string>);
    const sort = sortFromOption(values['sort'] as string | undefined);
    const outcome = unwrap(await api.exports.create({ kind, format, selection: { filter, sort }, destination }));
    report(outcome.files, out);
    const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;
    const skipped = outcome.skipped ? `, ${plural(outcome.skipped, 'laissé')} de côté` : '';
    out(`${plural(outcome.selected, 'compte')} ${outcome.selected > 1 ? 'sélectionnés' : 'sélectionné'}${skipped}.`);
    if (outcome.skippedReason) out(outcome.skippedReason);
  },
};
