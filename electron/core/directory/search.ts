import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { foldText } from '../../../shared/domain/text.ts';

/** More words than this add nothing to a name search and would only slow it down. */
const maxTerms = 6;

/**
 * Above this many matches (the first one or two letters typed), ranking every match would cost
 * more than the 10 ms budget: the best ones are then read in alphabetical order instead.
 */
const broadMatchCount = 1_000;

/**
 * The folded words of what was typed. Hyphens, apostrophes and spaces all separate words, and
 * the index also holds each name's joined form (derivedColumns), so « jean-marc », « jean marc »
 * and « jeanmarc » all find Jean-Marc.
 */
export function searchTerms(text: string): string[] {
  return foldText(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, maxTerms);
}

/** The FTS5 query: every term must start a word (or be one). Terms are [a-z0-9] only, so quoting is safe. */
export function ftsQuery(terms: readonly string[], prefix = true): string {
  return terms.map((term) => `"${term}"${prefix ? '*' : ''}`).join(' ');
}

/** A condition on `account a` for the shared filter model, or null when nothing was typed. */
export function searchCondition(text: string): { sql: string; param: string } | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return { sql: 'a.id IN (SELECT rowid FROM account_fts WHERE account_fts MATCH ?)', param: ftsQuery(terms) };
}

type Params = Record<string, string | number>;

function termParams(terms: readonly string[], extra: Params): Params {
  const params: Params = { ...extra, surname: terms[0] ?? '', surnameEnd: `${terms[0] ?? ''}~` };
  terms.forEach((term, i) => {
    params[`w${i}`] = `% ${term} %`;
    params[`p${i}`] = `% ${term}%`;
  });
  return params;
}

const each = (count: number, clause: (i: number) => string, joiner: string) =>
  Array.from({ length: count }, (_, i) => clause(i)).join(joiner);

/** Every typed word is a whole word of the name, login or alias (« léa » is, for Léandre it is not). */
const wholeWords = (count: number) => `(${each(count, (i) => `a.search_text LIKE @w${i}`, ' AND ')})`;
/** The surname starts with the first typed word (sort_name begins with the folded surname). */
const surnameFirst = `(a.sort_name >= @surname AND a.sort_name < @surnameEnd)`;
/** The same match as the FTS query, on one row (search_text is « word word … » with spaces around). */
const matchesAll = (count: number) => each(count, (i) => `a.search_text LIKE @p${i}`, ' AND ');

/**
 * The search box's best matches, best first: live accounts before pre-deleted ones; then those
 * where every typed word is a whole word (« léa » ranks Léa before Léandre, « martin » MARTIN
 * before MARTINEZ); then those whose surname starts with the first word (« mar » puts MARTIN
 * before Marie ANDRÉ); then alphabetical order (surname, first name).
 */
export function quickSearch(db: SchoolDb, text: string, limit: number): number[] {
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  const matches = stmt<[string], number>(db, 'SELECT count(*) FROM account_fts WHERE account_fts MATCH ?').pluck().get(ftsQuery(terms)) ?? 0;
  if (matches > broadMatchCount) {
    const found = rankBroadMatches(db, terms, limit);
    if (found.length === limit) return found;
  }
  return rankAllMatches(db, terms, limit);
}

/** Ranks every match: right for up to a thousand or so. */
export function rankAllMatches(db: SchoolDb, terms: readonly string[], limit: number): number[] {
  const n = terms.length;
  return stmt<[Params], number>(
    db,
    `SELECT a.id FROM account_fts f JOIN account a ON a.id = f.rowid WHERE account_fts MATCH @query
     ORDER BY a.pre_deleted_at IS NOT NULL, ${wholeWords(n)} DESC, ${surnameFirst} DESC, a.sort_name, a.id LIMIT @limit`,
  )
    .pluck()
    .all(termParams(terms, { query: ftsQuery(terms), limit }));
}

/**
 * The same ranking when thousands match (the first letter or two): tier by tier, each read in
 * alphabetical order only until the page is full. Whole words come from the index (nobody's
 * name is « m »); the surname tier from a range of the alphabetical index; the rest from that
 * index too, where matches are dense. Pre-deleted accounts are left out: they rank last and
 * cannot reach the top of that many (quickSearch falls back if the page is not full).
 */
export function rankBroadMatches(db: SchoolDb, terms: readonly string[], limit: number): number[] {
  const n = terms.length;
  const found = stmt<[Params], number>(
    db,
    `SELECT a.id FROM account_fts f JOIN account a ON a.id = f.rowid WHERE account_fts MATCH @exact
     AND a.pre_deleted_at IS NULL ORDER BY a.sort_name, a.id LIMIT @limit`,
  )
    .pluck()
    .all({ exact: ftsQuery(terms, false), limit });
  const tiers = [`${surnameFirst} AND NOT ${wholeWords(n)}`, `NOT ${surnameFirst} AND NOT ${wholeWords(n)}`];
  for (const tier of tiers) {
    if (found.length >= limit) break;
    const more = stmt<[Params], number>(
      db,
      `SELECT a.id FROM account a INDEXED BY account_sort
       WHERE a.pre_deleted_at IS NULL AND ${matchesAll(n)} AND ${tier} ORDER BY a.sort_name, a.id LIMIT @limit`,
    )
      .pluck()
      .all(termParams(terms, { limit: limit - found.length }));
    found.push(...more);
  }
  return found;
}
