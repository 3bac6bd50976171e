import type { SchoolDb } from '../db/open.ts';
import { selectAccountIds } from '../directory/list.ts';
import type { ExportFormat, ExportKind } from '../../../shared/domain/exports.ts';
import type { Selection } from '../../../shared/domain/selection.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { toCsv } from './csv.ts';
import { entExportColumns, entExportRow } from './directory-export.ts';
import { loadExportAccounts, type ExportAccount } from './export-accounts.ts';
import { entImportTables, isEntImportCandidate, type EntImportProfile } from './ent-import.ts';
import { exportFileName } from './file-names.ts';
import { mergeHeader, mergeRow } from './word-merge.ts';
import { textWorkbook } from './xlsx.ts';

/** What a long export reports to (the API's Job fits). */
export interface ExportProgress {
  progress(done: number, total: number, label: string): void;
  /** Throws when the user cancelled. */
  checkpoint(): void;
}

export interface ExportSpec {
  kind: ExportKind;
  format: ExportFormat;
  selection: Selection;
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
}

const chunkSize = 1000;
/** Lets progress events and cancel requests through between chunks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The selected accounts in the selection's sort, each mapped as soon as its chunk is read, so
 * that only the rows (not 20,000 full accounts) stay in memory.
 */
async function collect<T>(db: SchoolDb, selection: Selection, progress: ExportProgress, map: (account: ExportAccount) => T): Promise<{ items: T[]; selected: number }> {
  const ids = selectAccountIds(db, selection.filter, selection.sort);
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

const entImportNames: Record<EntImportProfile, { label: string; tag: string }> = {
  student: { label: 'Import ENT élèves', tag: 'eleves' },
  relative: { label: 'Import ENT responsables', tag: 'responsables' },
  teacher: { label: 'Import ENT enseignants', tag: 'enseignants' },
  personnel: { label: 'Import ENT personnels', tag: 'personnels' },
};

function tableFile(spec: ExportSpec, label: string, tag: string, header: readonly string[], rows: string[][], school: SchoolSettings, now: Date, quoteAll: boolean): BuiltFile {
  const name = exportFileName(label, school, now, spec.format);
  const bytes =
    spec.format === 'xlsx'
      ? textWorkbook({ sheetName: 'Comptes', title: label, header, rows })
      : toCsv(header, rows, { quoteAll });
  return { name, tag, bytes, rows: rows.length };
}

/** Selection → rows, in the selection's sort → file bytes. Touches no file system. */
export async function buildExport(db: SchoolDb, spec: ExportSpec, school: SchoolSettings, now: Date, progress: ExportProgress): Promise<BuiltExport> {
  if (spec.kind === 'word') {
    const { items: rows, selected } = await collect(db, spec.selection, progress, (account) => mergeRow(account, school));
    return { files: [tableFile(spec, 'Publipostage', 'publipostage', mergeHeader, rows, school, now, false)], selected, skipped: 0 };
  }
  if (spec.kind === 'directory') {
    const { items: rows, selected } = await collect(db, spec.selection, progress, (account) => entExportRow(account, school));
    // All quoted, like the ENT's own export.
    return { files: [tableFile(spec, 'Annuaire ENT', 'annuaire', entExportColumns, rows, school, now, true)], selected, skipped: 0 };
  }
  const { items, selected } = await collect(db, spec.selection, progress, (account) => (isEntImportCandidate(account) ? account : null));
  const candidates = items.filter((account) => account !== null);
  const files = entImportTables(candidates).map((table) => {
    const { label, tag } = entImportNames[table.profile];
    const bytes = toCsv(table.header, table.rows, {
      // A bare phone number cannot carry a formula, and the ENT would store the apostrophe.
      keepCell: (cell, column) => column === table.phoneColumn && /^\+?[0-9][0-9 .]*$/.test(cell),
    });
    return { name: exportFileName(label, school, now, 'csv'), tag, bytes, rows: table.rows.length };
  });
  return { files, selected, skipped: selected - candidates.length };
}
