/**
 * Text folding shared by logins, search and sorting. Letters that NFKD does not decompose
 * are transliterated first (FORMATS.md §Logins).
 */
const transliterations: Record<string, string> = {
  œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ẞ: 'ss', ł: 'l', Ł: 'l', ø: 'o', Ø: 'o',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i',
};
const transliterable = new RegExp(`[${Object.keys(transliterations).join('')}]`, 'g');

// Anything but printable ASCII, tabs and line ends.
const nonAscii = /[^ -~\t\n\r]/;

// The same accented names come back thousands of times in an import or a list: their folded
// form is remembered, up to a bound (the cache starts over when full).
const foldedCache = new Map<string, string>();
const foldedCacheLimit = 20_000;

/** Lower-case, accent-free text; punctuation and spacing kept as they are. */
export function foldText(text: string): string {
  // Plain ASCII (most logins, many names) has nothing to transliterate or decompose.
  if (!nonAscii.test(text)) return text.toLowerCase();
  let folded = foldedCache.get(text);
  if (folded === undefined) {
    folded = text
      .replace(transliterable, (letter) => transliterations[letter] ?? letter)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase();
    if (foldedCache.size >= foldedCacheLimit) foldedCache.clear();
    foldedCache.set(text, folded);
  }
  return folded;
}

/** Only [a-z0-9]: the shape of each half of a login. */
export function loginPart(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

/** Words of a name, folded; "Jean-Marc" gives jean, marc and jeanmarc. */
export function searchWords(text: string): string[] {
  const folded = foldText(text);
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = folded.replace(/[^a-z0-9]/g, '');
  if (words.length > 1 && joined) words.push(joined);
  return words;
}

/** Folded sort key: spaces kept, other punctuation dropped (D'ANGELO sorts as DANGELO). */
export function sortText(text: string): string {
  return foldText(text).replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}

// Names come back thousands of times in an import (surnames, first names): their words and
// sort key are worked out once, up to a bound (the memo starts over when full).
const nameKeysMemo = new Map<string, { words: string[]; sort: string }>();
const nameKeysMemoLimit = 20_000;

/** A name's search words and sort key together, as the stored helper columns need them. */
export function nameKeys(name: string): { words: readonly string[]; sort: string } {
  let keys = nameKeysMemo.get(name);
  if (keys === undefined) {
    keys = { words: searchWords(name), sort: sortText(name) };
    if (nameKeysMemo.size >= nameKeysMemoLimit) nameKeysMemo.clear();
    nameKeysMemo.set(name, keys);
  }
  return keys;
}
