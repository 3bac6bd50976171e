import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopHooks } from '../context.ts';
import { disposeTempDocuments, tempDocumentLifetimeMs, tempDocumentsOf, tempFolderPrefix } from '../temp-documents.ts';
import { testNow, testSchool, type TestSchool } from '../../test-support/school.ts';

/**
 * « Imprimer » in the desktop app: the PDF goes to the system (print dialog or PDF reader)
 * through the desktop hooks, by way of a private temp file that does not outlive its use.
 * The hooks are the edge of the world: a fake records what the system was asked.
 */
interface Call {
  hook: 'openPath' | 'printPdf';
  path: string;
  /** What the reader found at that path when it was asked. */
  bytes: Buffer;
  folderMode: number;
  fileMode: number;
}

function fakeDesktop(options: { print?: boolean; fail?: boolean } = {}): DesktopHooks & { calls: Call[] } {
  const calls: Call[] = [];
  const record = (hook: Call['hook']) => async (path: string) => {
    calls.push({ hook, path, bytes: readFileSync(path), folderMode: statSync(dirname(dirname(path))).mode & 0o777, fileMode: statSync(path).mode & 0o777 });
    if (options.fail) throw new Error('No application is associated with the specified file');
  };
  return { calls, openPath: record('openPath'), ...(options.print ? { printPdf: record('printPdf') } : {}) };
}

let school: TestSchool;
let root: string;
let clock: Date;

async function setUp(desktop: DesktopHooks | null): Promise<void> {
  clock = testNow;
  school = await testSchool({ demo: true, context: { desktop, now: () => clock } });
  root = mkdtempSync(join(tmpdir(), 'sesame-temp-root-'));
  tempDocumentsOf(school.context, { root });
}

afterEach(() => {
  disposeTempDocuments(school.context);
  school.cleanup();
  rmSync(root, { recursive: true, force: true });
});

async function keptPdf(): Promise<{ documentId: string; bytes: Buffer; fileName: string }> {
  const accountIds = school.context.db.prepare("SELECT id FROM account WHERE profile = 'student' ORDER BY id LIMIT 3").pluck().all() as number[];
  const result = await school.api.publipostage.generate({
    jobId: 'print',
    target: { kind: 'accounts', accountIds },
    options: { layout: 8, coverPages: false, handOutList: false },
    outPath: null,
    keep: true,
  });
  if (!result.ok || !result.value.documentId) throw new Error('no PDF');
  const document = await school.api.publipostage.document({ documentId: result.value.documentId });
  if (!document.ok) throw new Error(document.error.message);
  return { documentId: result.value.documentId, bytes: Buffer.from(document.value.base64, 'base64'), fileName: document.value.fileName };
}

describe('printing a PDF from the desktop app', () => {
  let desktop: ReturnType<typeof fakeDesktop>;
  beforeEach(async () => {
    desktop = fakeDesktop();
    await setUp(desktop);
  });

  it('opens the PDF in the system reader from a file only this user can read, named like the document', async () => {
    const pdf = await keptPdf();
    const opened = await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    expect(opened).toEqual({ ok: true, value: { openedWith: 'viewer' } });
    const [call] = desktop.calls;
    expect(call?.hook).toBe('openPath');
    expect(call?.bytes.equals(pdf.bytes)).toBe(true);
    expect(basename(call?.path ?? '')).toBe(pdf.fileName);
    expect(call?.path.startsWith(join(root, tempFolderPrefix))).toBe(true);
    if (process.platform !== 'win32') expect(call).toMatchObject({ folderMode: 0o700, fileMode: 0o600 });
  });

  it('leaves the file to the reader for an hour, then removes it at the next use', async () => {
    const pdf = await keptPdf();
    await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'view' });
    const first = desktop.calls[0]?.path as string;
    clock = new Date(testNow.getTime() + tempDocumentLifetimeMs - 1000);
    await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'view' });
    const second = desktop.calls[1]?.path as string;
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(true);

    clock = new Date(testNow.getTime() + tempDocumentLifetimeMs);
    await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'view' });
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(true);
  });

  it('removes every file it handed out when the app quits', async () => {
    const pdf = await keptPdf();
    await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    const folder = dirname(dirname(desktop.calls[0]?.path as string));
    disposeTempDocuments(school.context);
    expect(existsSync(folder)).toBe(false);
  });

  it('removes the files a previous session left behind (a crash) before writing its own', async () => {
    const leftover = join(root, `${tempFolderPrefix}ancien`);
    mkdirSync(join(leftover, '1'), { recursive: true });
    writeFileSync(join(leftover, '1', 'identifiants-ent.pdf'), 'codes');
    const pdf = await keptPdf();
    await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    expect(existsSync(leftover)).toBe(false);
  });

  it('says in French when no application could open the PDF, and leaves no file behind', async () => {
    school.context.desktop = fakeDesktop({ fail: true });
    const pdf = await keptPdf();
    const result = await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^Aucune application de l’ordinateur n’a pu ouvrir le PDF/) } });
    expect(tempDocumentsOf(school.context).files).toEqual([]);
  });

  it('answers not-found, in French, for a PDF no longer kept', async () => {
    const result = await school.api.publipostage.openDocument({ documentId: 'inconnu-0123456789', purpose: 'print' });
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'Ce PDF n’est plus disponible : générez-le à nouveau.' } });
    expect(desktop.calls).toEqual([]);
  });
});

describe('printing through a desktop shell that prints itself', () => {
  it('shows the print dialog for « Imprimer », the reader for « Ouvrir », and removes a printed file at once', async () => {
    const desktop = fakeDesktop({ print: true });
    await setUp(desktop);
    const pdf = await keptPdf();
    expect(await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' })).toEqual({ ok: true, value: { openedWith: 'print-dialog' } });
    expect(desktop.calls.map((call) => call.hook)).toEqual(['printPdf']);
    expect(existsSync(desktop.calls[0]?.path as string)).toBe(false);

    expect(await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'view' })).toEqual({ ok: true, value: { openedWith: 'viewer' } });
    expect(desktop.calls.map((call) => call.hook)).toEqual(['printPdf', 'openPath']);
  });

  it('says in French when printing failed, and leaves no file behind', async () => {
    await setUp(fakeDesktop({ print: true, fail: true }));
    const pdf = await keptPdf();
    const result = await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^Le PDF n’a pas pu être imprimé/) } });
    expect(tempDocumentsOf(school.context).files).toEqual([]);
  });
});

describe('printing from the web host or the CLI', () => {
  it('is unavailable, in French, and writes nothing', async () => {
    await setUp(null);
    const pdf = await keptPdf();
    const result = await school.api.publipostage.openDocument({ documentId: pdf.documentId, purpose: 'print' });
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^Seule l’application Sésame installée sur l’ordinateur/) } });
    expect(readdirSync(root)).toEqual([]);
  });
});
