import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { loadAccounts, selectAccountIds } from '../directory/list.ts';
import { readSettings } from '../directory/settings.ts';
import type { AccountSort, SortKey } from '../../../shared/domain/selection.ts';
import type { PdfOptions, PublipostageTarget, ShrunkSheets } from '../../../shared/domain/publipostage.ts';
import type { RenderHooks, RenderInput } from './pdf/document.ts';
import { fileSheets, filingClassOf, selectedClassNames, type FiledSheet } from './filing.ts';
import { orderByClause } from './selection.ts';
import { readLetterTexts } from './settings.ts';
import { sheetBuilder, sheetFrame, type Sheet } from './sheet-model.ts';

/** Selection → sheet models → layout → bytes: the whole publipostage PDF. */
export interface PublipostagePdf {
  bytes: Uint8Array;
  pages: number;
  /** Sheets printed: more than accounts when a person is filed under several selected classes. */
  sheets: number;
  fileName: string;
  /** Sheets whose credentials were set smaller or broken to print whole. */
  shrunk: ShrunkSheets;
}

/** Cover pages and hand-out lists go class by class, so the stack is sorted by class first. */
export function effectiveSort(sort: AccountSort, options: Pick<PdfOptions, 'coverPages' | 'handOutList'>): AccountSort {
  if (!options.coverPages && !options.handOutList) return sort;
  const other = sort.find((key): key is SortKey => key !== 'class' && key !== 'none');
  return ['class', other ?? 'none'];
}

/** The accounts of a target, in print order. */
export function targetAccountIds(db: SchoolDb, target: PublipostageTarget, options: Pick<PdfOptions, 'coverPages' | 'handOutList'>): number[] {
  if (target.kind === 'selection') {
    return selectAccountIds(db, target.selection.filter, effectiveSort(target.selection.sort, options));
  }
  return stmt<[string], number>(
    db,
    `SELECT a.id FROM account a WHERE a.id IN (SELECT value FROM json_each(?))
     ORDER BY ${orderByClause(effectiveSort(['none', 'none'], options))}`,
  )
    .pluck()
    .all(JSON.stringify(target.accountIds));
}

/** `ids` in their order within a class stack: effectiveSort's second key, then name. */
function withinClassOrder(db: SchoolDb, ids: readonly number[], sort: AccountSort): number[] {
  return stmt<[string], number>(
    db,
    `SELECT a.id FROM account a WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY ${orderByClause([sort[1], 'none'])}`,
  )
    .pluck()
    .all(JSON.stringify(ids));
}

/**
 * The sheets of `ids` (the target's accounts, in print order), each with its class stack
 * (filing.ts). With selected classes, cover pages and lists give each selected class its
 * complete stack, a person appearing in each of theirs: the stack is rebuilt class by class.
 */
function printStack(db: SchoolDb, target: PublipostageTarget, ids: number[], options: Pick<PdfOptions, 'coverPages' | 'handOutList'>): FiledSheet[] {
  const completeStacks = options.coverPages || options.handOutList;
  if (target.kind !== 'selection') return fileSheets(loadAccounts(db, ids), null, completeStacks);
  const selected = selectedClassNames(db, target.selection.filter);
  const ordered = completeStacks && selected ? withinClassOrder(db, ids, effectiveSort(target.selection.sort, options)) : ids;
  return fileSheets(loadAccounts(db, ordered), selected, completeStacks);
}

/** Accounts read this many at a time when no sheet needs the others (see printStream). */
const readBatch = 2_000;

/**
 * The print stack read as it is printed: without cover pages or lists, each sheet needs only
 * its own account, so a 100,000-account school is read 2,000 accounts at a time rather than
 * held whole (150 MB of list items). Same order and filing as printStack.
 */
function printStream(db: SchoolDb, target: PublipostageTarget, ids: number[], options: Pick<PdfOptions, 'coverPages' | 'handOutList'>): { count: number; sheets: Iterable<FiledSheet> } | null {
  if (options.coverPages || options.handOutList || ids.length <= readBatch) return null;
  const selected = target.kind === 'selection' ? selectedClassNames(db, target.selection.filter) : null;
  function* sheets(): Generator<FiledSheet> {
    for (let start = 0; start < ids.length; start += readBatch) {
      for (const account of loadAccounts(db, ids.slice(start, start + readBatch))) yield { account, filingClass: filingClassOf(account, selected) };
    }
  }
  return { count: ids.length, sheets: sheets() };
}

/** A logo is printed 2 cm wide: a larger image is a mistake, or a decompression bomb. */
const maxLogoSide = 3000;

/**
 * The Paramètres logo (a data: URL) as the layouts take it; null when there is none, or when
 * its PNG header announces a huge image (checked before anything is inflated).
 */
export function logoOf(dataUrl: string): RenderInput['logo'] {
  const match = /^data:(image\/(?:png|jpeg));base64,(.+)$/.exec(dataUrl);
  if (!match) return null;
  const mime = match[1] as 'image/png' | 'image/jpeg';
  const bytes = Buffer.from(match[2] as string, 'base64');
  if (mime === 'image/png' && bytes.length >= 24 && (bytes.readUInt32BE(16) > maxLogoSide || bytes.readUInt32BE(20) > maxLogoSide)) return null;
  return { mime, bytes };
}

function isoDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One person's sheet is named after their login; a batch, after the day. */
function pdfFileName(onlyLogin: string | null, day: string): string {
  return onlyLogin ? `identifiants-ent-${onlyLogin}.pdf` : `identifiants-ent-${day}.pdf`;
}

/**
 * Reads everything in one go (a consistent snapshot, no transaction across an await), then lays
 * out the sheets by batches, letting `hooks.batch` report progress and stop a cancelled job.
 */
export async function generatePublipostagePdf(
  db: SchoolDb,
  target: PublipostageTarget,
  ids: number[],
  options: PdfOptions,
  now: Date,
  hooks: RenderHooks = {},
): Promise<PublipostagePdf> {
  const settings = readSettings(db);
  const day = options.date ?? isoDay(now);
  const frame = sheetFrame(settings, day);
  const stream = printStream(db, target, ids, options);
  const stack = stream ? null : printStack(db, target, ids, options);
  const build = sheetBuilder(frame, readLetterTexts(db));
  // Each sheet model is built when its page is drawn, then dropped: 5,000 of them held from
  // start to end survived every scavenge, and V8 answered by doubling its young generation.
  function* sheets(): Generator<Sheet> {
    for (const { account, filingClass } of stream?.sheets ?? stack ?? []) {
      // The API lets only distributable accounts through (distribution.ts): this is the last line of defence.
      if (account.entStatus !== 'known') throw new Error('a sheet was asked for an account not in the ENT');
      yield build(account, filingClass);
    }
  }
  // The PDF library loads with the first PDF: selecting and marking sheets handed out never need it.
  const { renderPdf } = await import('./pdf/document.ts');
  const rendered = await renderPdf(
    {
      sheets: sheets(),
      sheetCount: stream?.count ?? stack?.length ?? 0,
      frame,
      layout: options.layout,
      coverPages: options.coverPages,
      handOutList: options.handOutList,
      logo: logoOf(settings.logo),
      createdAt: now,
      title: `Identifiants ENT ${frame.entName} — ${frame.schoolName}`,
    },
    hooks,
  );
  const onlyLogin = ids.length === 1 ? (stack?.[0]?.account.login ?? null) : null;
  return { bytes: rendered.bytes, pages: rendered.pages, sheets: stream?.count ?? stack?.length ?? 0, fileName: pdfFileName(onlyLogin, day), shrunk: rendered.shrunk };
}
