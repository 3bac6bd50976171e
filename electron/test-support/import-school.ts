import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ApiClient } from '../../shared/api/client.ts';
import type { ImportAnalysis, ImportResult } from '../../shared/api/areas/imports.ts';
import type { Result } from '../../shared/api/result.ts';
import { createContext, type CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';

/**
 * A school file on disk (backups are real), reached through the API like any client. Unlike
 * school.ts, its clock moves a second per reading: imports, backups and undo need distinct times.
 */
export interface TestSchool {
  db: SchoolDb;
  api: ApiClient;
  context: CoreContext;
  path: string;
  close(): void;
}

export async function testSchool(): Promise<TestSchool> {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-import-'));
  const path = join(dir, 'ecole.db');
  const db = await openSchoolFile(path);
  let tick = 0;
  // A clock that moves a second per reading: every import and backup has its own timestamp.
  const context = createContext(db, path, { now: () => new Date(Date.UTC(2025, 8, 1, 8, 0, tick++)), actor: 'directrice' });
  return {
    db,
    api: createClient(inProcessTransport(context)),
    context,
    path,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function files(entries: Record<string, Uint8Array>): { name: string; base64: string }[] {
  return Object.entries(entries).map(([name, bytes]) => ({ name, base64: Buffer.from(bytes).toString('base64') }));
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export async function analyse(school: TestSchool, entries: Record<string, Uint8Array>): Promise<ImportAnalysis> {
  return value(await school.api.imports.analyse({ files: files(entries) }));
}

/** Analyse then apply, as the director confirming the preview as it is. */
export async function importFiles(school: TestSchool, entries: Record<string, Uint8Array>): Promise<ImportResult> {
  const analysis = await analyse(school, entries);
  return value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
}

/** Every row of the directory's tables, to compare states exactly. */
export function snapshot(db: SchoolDb): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    account: all('SELECT * FROM account ORDER BY id'),
    class: all('SELECT * FROM class ORDER BY id'),
    account_class: all('SELECT * FROM account_class ORDER BY account_id, class_id'),
    guardian_link: all('SELECT * FROM guardian_link ORDER BY guardian_id, child_id'),
    manual_edit: all('SELECT * FROM manual_edit ORDER BY account_id, field'),
  };
}

export function count(db: SchoolDb, sql: string, ...params: unknown[]): number {
  return db.prepare(sql).pluck().get(...params) as number;
}
