import type { ImportCounts, ImportRunSummary } from '../../../shared/api/areas/imports.ts';
import type { ImportFormat } from '../../../shared/domain/imports.ts';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { activationProgress, type ActivationChange } from '../directory/activation.ts';

interface RunRow {
  id: number;
  at: string;
  actor: string;
  files: string;
  counts: string;
  undone_at: string | null;
  activation: string | null;
}

/** The import history, newest first. Only the newest import still in force can be undone. */
export function listImportRuns(db: SchoolDb, limit = 200): ImportRunSummary[] {
  const rows = stmt<[number], RunRow>(db, 'SELECT id, at, actor, files, counts, undone_at, activation FROM import_run ORDER BY id DESC LIMIT ?').all(limit);
  const undoable = rows.find((row) => row.undone_at === null)?.id;
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    files: JSON.parse(row.files) as { name: string; format: ImportFormat | null }[],
    // Runs from before the ENT round trip did not count who joined the ENT.
    counts: { joinedEnt: 0, notInEnt: 0, ...(JSON.parse(row.counts) as Partial<ImportCounts>) } as ImportCounts,
    activation: row.activation === null ? null : activationProgress(JSON.parse(row.activation) as ActivationChange),
    undoneAt: row.undone_at,
    canUndo: row.id === undoable,
  }));
}
