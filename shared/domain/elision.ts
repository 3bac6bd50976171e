/**
 * French elision where a name is put after a small word: « Compte ONE de Alice » must read
 * « Compte ONE d’Alice ». The rule, kept deliberately short and predictable:
 *
 * - the words elided are « de », « le », « la » and « que » (any case: « De » → « D’ »);
 * - before a word starting with a vowel, accented or not (a, e, i, o, u, à, é, è, ê, î, ô, û,
 *   æ, œ…), or with « y » followed by a consonant (« d’Yves », but « de Yasmine », « de Yann »);
 * - before « h » only for the short list below (h muet: « d’Hélène », « l’hôpital »); any other
 *   word in « h » keeps the full form (« de Hugues », « de Hamid »), the safe side of the
 *   h aspiré, since no list of names can be complete;
 * - a school's name is a common noun (« École Jules Ferry », « Institution Sainte-Marie »): after
 *   « de » it takes the article, « de l’École », not « d’École ». « de le » → « du »
 *   (« de Collège ») is not made.
 *
 * The apostrophe is the typographic one (’), as in the rest of the letter texts.
 */
const elidableWords: readonly string[] = ['de', 'le', 'la', 'que'];

/** Words in h muet that letters to families may put after « de » (first names, school words). */
const muteH = new Set([
  'hélène',
  'héloïse',
  'henri',
  'henriette',
  'hector',
  'hervé',
  'hortense',
  'hugo',
  'habitant',
  'heure',
  'histoire',
  'homme',
  'hôpital',
  'hôtel',
  'humain',
]);

const vowel = /^[aeiouàâäéèêëîïôöùûüæœ]/i;
const yBeforeConsonant = /^y[^aeiouàâäéèêëîïôöùûüy\s]/i;

/** Whether French elides « de », « le », « la », « que » before this text. */
export function elidesBefore(text: string): boolean {
  const word = text.trimStart();
  if (vowel.test(word) || yBeforeConsonant.test(word)) return true;
  const first = /^[\p{L}]+/u.exec(word)?.[0]?.toLocaleLowerCase('fr');
  return first !== undefined && muteH.has(first);
}

/** « d’ » for « de », « D’ » for « De », « qu’ » for « que »: the elided form, keeping the capital. */
function elided(word: string): string {
  return `${word.slice(0, word.toLowerCase() === 'que' ? 2 : 1)}’`;
}

/** `word` then `next`, elided when French wants it: (« de », « Alice ») → « d’Alice ». */
export function joinElided(word: string, next: string): string {
  return elidesBefore(next) && isElidable(word) ? `${elided(word)}${next}` : `${word} ${next}`;
}

/** « de » before a school's name: « de l’École Jules Ferry », « de Collège Pagnol ». */
export function ofSchool(name: string): string {
  return elidesBefore(name) ? `de l’${name}` : `de ${name}`;
}

function isElidable(word: string): boolean {
  return elidableWords.includes(word.toLowerCase());
}

/**
 * The elidable word a literal text ends with, followed by one space (« Compte ONE de »): the
 * text without it and the word. Null when the text ends otherwise.
 */
export function trailingElidable(literal: string): { before: string; word: string } | null {
  const match = /(^|[^\p{L}’'])(\p{L}+) $/u.exec(literal);
  const word = match?.[2];
  if (!match || word === undefined || !isElidable(word)) return null;
  return { before: literal.slice(0, match.index + (match[1] as string).length), word };
}
