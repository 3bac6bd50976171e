import type { SchoolDb } from '../db/open.ts';
import { countSelection, selectAccountIds } from '../directory/list.ts';
import { UserError } from '../errors.ts';
import { countLeftOut, distributable } from '../publipostage/distribution.ts';
import { leftOutMessage, leftOutTotal, nothingLeftOut, nothingToHandOutMessage, type LeftOut } from '../../../shared/domain/distribution.ts';
import type { ExportKind, ExportPreview, ExportSpec } from '../../../shared/domain/exports.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { toCsv } from './csv.ts';
import { entExportColumns, entExportRow } from './directory-export.ts';
import { loadExportAccounts, type ExportAccount } from './export-accounts.ts';
import { countEntImportCandidates, entImportProfiles, entImportTables, isEntImportCandidate, type EntImportProfile } from './ent-import.ts';
import { exportFileName } from './file-names.ts';
import { mergeHeader, mergeRowOn } from './word-merge.ts';

/** What a long export reports to (the API's Job fits). */
export interface ExportProgress {
  progress(done: number, total: number, label: string): void;
  /** Throws when the user cancelled. */
  checkpoint(): void;
}

export interface BuiltFile {
  name: string;
  /** Short ASCII tag telling apart the files of one export (« eleves »), for derived paths. */
  tag: string;
  bytes: Uint8Array;
  rows: number;
}

export interface BuiltExport {
  files: BuiltFile[];
  /** Accounts selected. */
  selected: number;
  /** Selected accounts left out (ENT import: those the ENT already has, and guests). */
  skipped: number;
  skippedReason: string | null;
}

const chunkSize = 1000;
/** Lets progress events and cancel requests through between chunks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The selected accounts in the selection's sort, each mapped as soon as its chunk is read, so
 * that only the rows (not 20,000 full accounts) stay in memory.
 */
async function collect<T>(db: SchoolDb, ids: readonly number[], progress: ExportProgress, map: (account: ExportAccount) => T): Promise<{ items: T[]; selected: number }> {
  const items: T[] = [];
  for (let start = 0; start < ids.length; start += chunkSize) {
    progress.checkpoint();
    for (const account of loadExportAccounts(db, ids.slice(start, start + chunkSize))) items.push(map(account));
    progress.progress(Math.min(ids.length, start + chunkSize), ids.length, 'Lecture des comptes');
    await yieldToEventLoop();
  }
  progress.checkpoint();
  progress.progress(ids.length, ids.length, 'Écriture du fichier');
  await yieldToEventLoop();
  return { items, selected: ids.length };
}

/** Every file an export writes: its label (start of the file name) and its tag (derived paths). */
export const exportFiles = {
  word: { label: 'Publipostage', tag: 'publipostage' },
  directory: { label: 'Annuaire ENT', tag: 'annuaire' },
  student: { label: 'Import ENT élèves', tag: 'eleves' },
  relative: { label: 'Import ENT responsables', tag: 'responsables' },
  teacher: { label: 'Import ENT enseignants', tag: 'enseignants' },
  personnel: { label: 'Import ENT personnels', tag: 'personnels' },
} as const satisfies Record<Exclude<ExportKind, 'ent-import'> | EntImportProfile, { label: string; tag: string }>;

/** SheetJS loads with the first workbook asked for, never for a CSV or a preview. */
const workbookWriter = async () => (await import('./xlsx.ts')).textWorkbook;

function tableFile(
  spec: ExportSpec,
  file: { label: string; tag: string },
  header: readonly string[],
  rows: string[][],
  school: SchoolSettings,
  now: Date,
  textWorkbook: Awaited<ReturnType<typeof workbookWriter>> | null,
): BuiltFile {
  const bytes =
    spec.format === 'xlsx' && textWorkbook
      ? textWorkbook({ sheetName: 'Comptes', title: file.label, header, rows })
      : // All quoted for the directory, like the ENT's own export.
        toCsv(header, rows, { quoteAll: spec.kind === 'directory' });
  return { name: exportFileName(file.label, school, now, spec.format), tag: file.tag, bytes, rows: rows.length };
}

/**
 * What an export of credentials leaves out. The Word workbook hands credentials out: only
 * accounts in the ENT, neither blocked nor pre-deleted. The directory, in the ENT's own
 * export layout, only what the ENT knows: a provisional login there would read as the
 * ENT's, and an empty code as « activé ».
 */
function credentialsLeftOut(kind: 'word' | 'directory', leftOut: LeftOut): LeftOut {
  return kind === 'word' ? leftOut : { ...nothingLeftOut, notInEnt: leftOut.notInEnt };
}

const entImportSkippedReason = (skipped: number) =>
  skipped > 0 ? `${skipped > 1 ? `${skipped} comptes sont` : '1 compte est'} déjà dans l’ENT ou ${skipped > 1 ? 'sont des invités' : 'est un invité'} : absent${skipped > 1 ? 's' : ''} de ces fichiers.` : null;

/** Selection → rows, in the selection's sort → file bytes. Touches no file system. */
export async function buildExport(db: SchoolDb, spec: ExportSpec, school: SchoolSettings, now: Date, progress: ExportProgress): Promise<BuiltExport> {
  const selectedIds = selectAccountIds(db, spec.selection.filter, spec.selection.sort);
  if (spec.kind === 'word' || spec.kind === 'directory') {
    const gate = distributable(db, selectedIds);
    const leftOut = credentialsLeftOut(spec.kind, gate.leftOut);
    const ids = spec.kind === 'word' ? gate.ids : selectedIds.filter((id) => gate.excluded.get(id) !== 'notInEnt');
    if (ids.length === 0 && leftOutTotal(leftOut) > 0) throw new UserError('invalid-argument', nothingToHandOutMessage(leftOut));
    const [file, header, row] =
      spec.kind === 'word' ? ([exportFiles.word, mergeHeader, mergeRowOn(now)] as const) : ([exportFiles.directory, entExportColumns, entExportRow] as const);
    const { items: rows } = await collect(db, ids, progress, (account) => row(account, school));
    const writer = spec.format === 'xlsx' ? await workbookWriter() : null;
    return { files: [tableFile(spec, file, header, rows, school, now, writer)], selected: selectedIds.length, skipped: leftOutTotal(leftOut), skippedReason: leftOutMessage(leftOut) };
  }
  const { items, selected } = await collect(db, selectedIds, progress, (account) => (isEntImportCandidate(account) ? account : null));
  const candidates = items.filter((account) => account !== null);
  const files = entImportTables(candidates).map((table) => {
    const { label, tag } = exportFiles[table.profile];
    const bytes = toCsv(table.header, table.rows, {
      // A bare phone number cannot carry a formula, and the ENT would store the apostrophe.
      keepCell: (cell, column) => column === table.phoneColumn && /^\+?[0-9][0-9 .]*$/.test(cell),
    });
    return { name: exportFileName(label, school, now, 'csv'), tag, bytes, rows: table.rows.length };
  });
  return { files, selected, skipped: selected - candidates.length, skippedReason: entImportSkippedReason(selected - candidates.length) };
}

/** What {@link buildExport} would write, from counts alone: instant even for 20,000 accounts. */
export function previewExport(db: SchoolDb, spec: ExportSpec, school: SchoolSettings, now: Date): ExportPreview {
  const { total: selected } = countSelection(db, spec.selection.filter);
  if (spec.kind !== 'ent-import') {
    const leftOut = credentialsLeftOut(spec.kind, countLeftOut(db, spec.selection.filter));
    const rows = selected - leftOutTotal(leftOut);
    return {
      selected,
      skipped: leftOutTotal(leftOut),
      skippedReason: leftOutMessage(leftOut),
      files: rows > 0 ? [{ name: exportFileName(exportFiles[spec.kind].label, school, now, spec.format), rows }] : [],
    };
  }
  const byProfile = countEntImportCandidates(db, spec.selection.filter);
  const files = entImportProfiles
    .filter((profile) => (byProfile.get(profile) ?? 0) > 0)
    .map((profile) => ({ name: exportFileName(exportFiles[profile].label, school, now, 'csv'), rows: byProfile.get(profile) ?? 0 }));
  const skipped = selected - files.reduce((sum, file) => sum + file.rows, 0);
  return { selected, skipped, skippedReason: entImportSkippedReason(skipped), files };
}
