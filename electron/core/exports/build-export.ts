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

async function loadSelection(db: SchoolDb, selection: Selection, progress: ExportProgress): Promise<ExportAccount[]> {
  const ids = selectAccountIds(db, selection.filter, selection.sort);
  const accounts: ExportAccount[] = [];
  for (let start = 0; start < ids.length; start += chunkSize) {
    progress.checkpoint();
    accounts.push(...loadExportAccounts(db, ids.slice(start, start + chunkSize)));
    progress.progress(accounts.length, ids.length, 'Lecture des comptes');
    await yieldToEventLoop();
  }
  return accounts;
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

/** Selection → accounts (in the selection's sort) → rows → file bytes. Pure of any file system. */
export async function buildExport(db: SchoolDb, spec: ExportSpec, school: SchoolSettings, now: Date, progress: ExportProgress): Promise<BuiltExport> {
  const accounts = await loadSelection(db, spec.selection, progress);
  progress.checkpoint();
  progress.progress(accounts.length, accounts.length, 'Écriture du fichier');
  await yieldToEventLoop();

  if (spec.kind === 'word') {
    const rows = accounts.map((account) => mergeRow(account, school));
    return { files: [tableFile(spec, 'Publipostage', 'publipostage', mergeHeader, rows, school, now, false)], selected: accounts.length, skipped: 0 };
  }
  if (spec.kind === 'directory') {
    const rows = accounts.map((account) => entExportRow(account, school));
    // All quoted, like the ENT's own export.
    return { files: [tableFile(spec, 'Annuaire ENT', 'annuaire', entExportColumns, rows, school, now, true)], selected: accounts.length, skipped: 0 };
  }
  const files = entImportTables(accounts).map((table) => {
    const { label, tag } = entImportNames[table.profile];
    const bytes = toCsv(table.header, table.rows, {
      // A bare phone number cannot carry a formula, and the ENT would store the apostrophe.
      keepCell: (cell, column) => column === table.phoneColumn && /^\+?[0-9][0-9 .]*$/.test(cell),
    });
    return { name: exportFileName(label, school, now, 'csv'), tag, bytes, rows: table.rows.length };
  });
  const candidates = accounts.filter(isEntImportCandidate).length;
  return { files, selected: accounts.length, skipped: accounts.length - candidates };
}
