import fc from 'fast-check';
import type { Tree } from './xml-differential.ts';
import { serialise, type Layout } from './xml-layouts.ts';

/**
 * Generated XML documents for the differential suite: random trees (names and text drawn from
 * the characters XML treats specially, non-ASCII and astral letters, every kind of
 * whitespace), written in a random layout, then, for most of them, mutated at random places
 * with the characters markup is made of — so that the malformed neighbours of valid documents
 * are tried as well as the documents.
 */

const nameStart = fc.constantFrom('A', 'E', 'N', 'b', 'x', '_', ':', 'É', 'é', 'Ω', '名', '\u{10400}');
const nameRest = fc.constantFrom('A', 'z', '0', '9', '-', '.', '_', ':', '·', '\u0301', 'é', '\u203F');
const familiar = fc.constantFrom('ELEVE', 'NOM_DE_FAMILLE', 'NOM_USAGE', 'PRENOM', 'STRUCTURE', 'CODE_STRUCTURE', 'DONNEES', 'ELEVES', 'a', 'b');
export const xmlName = fc.oneof(familiar, fc.tuple(nameStart, fc.string({ unit: nameRest, maxLength: 4 })).map(([first, rest]) => first + rest));

const textUnit = fc.constantFrom('a', 'Z', '1', ' ', ' ', '\t', '\n', '\r', '&', '<', '>', '"', "'", ']', '-', '?', '!', '=', ';', '#', 'é', '€', 'Œ', '\u00a0', '\u2028', '\ufeff', '😀', '\u{10400}');
const textValue = fc.string({ unit: textUnit, maxLength: 10 });

const fields = { name: xmlName, attrs: fc.uniqueArray(fc.tuple(xmlName, textValue), { selector: ([name]) => name, maxLength: 3 }), text: textValue.map((value) => value.trim()) };
const leaf: fc.Arbitrary<Tree> = fc.record({ ...fields, children: fc.constant([]) });
const element = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'tree' }, leaf, fc.record({ ...fields, children: fc.array(tie('tree'), { maxLength: 4, depthIdentifier: 'tree' }) })),
})).tree;

export const layout: fc.Arbitrary<Layout> = fc.record({
  newline: fc.constantFrom('' as const, '\n' as const, '\r\n' as const),
  indent: fc.constantFrom('', ' ', '\t'),
  quote: fc.constantFrom('"' as const, "'" as const),
  selfClosing: fc.constantFrom('' as const, '/>' as const, ' />' as const),
  comments: fc.boolean(),
  cdata: fc.boolean(),
  references: fc.constantFrom('none' as const, 'decimal' as const, 'hex' as const),
  entities: fc.boolean(),
  spacedTags: fc.boolean(),
  bom: fc.boolean(),
  declaration: fc.boolean(),
});

/** The characters markup is made of, and a few XML forbids. */
const syntax = fc.constantFrom('<', '>', '/', '&', ';', '#', 'x', '"', "'", '=', '!', '?', '-', '[', ']', ' ', '\n', '\r', '\t', 'A', ':', '\u0000', '\u000b', '\ufffe', '\ud800', '\u00a0', 'CDATA', '<!--', '-->', '<?', '?>', '</', '/>', '&amp;', '&#', '&lt', ']]>', 'xml', '<!DOCTYPE');

type Mutation = { kind: 'insert' | 'delete' | 'replace' | 'duplicate' | 'truncate'; at: number; size: number; with: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'truncate'),
  at: fc.nat(),
  size: fc.integer({ min: 1, max: 8 }),
  with: syntax,
});

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const change of mutations) {
    const at = out.length === 0 ? 0 : change.at % out.length;
    if (change.kind === 'insert') out = out.slice(0, at) + change.with + out.slice(at);
    else if (change.kind === 'delete') out = out.slice(0, at) + out.slice(at + change.size);
    else if (change.kind === 'replace') out = out.slice(0, at) + change.with + out.slice(at + change.size);
    else if (change.kind === 'duplicate') out = out.slice(0, at + change.size) + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

export interface GeneratedDocument {
  tree: Tree;
  text: string;
  /** Whether it was written as generated (then it must read back to `tree`). */
  intact: boolean;
}

/** Two documents in three are mutated, one to three times. */
export const document: fc.Arbitrary<GeneratedDocument> = fc
  .tuple(element, layout, fc.oneof({ weight: 1, arbitrary: fc.constant([] as Mutation[]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }))
  .map(([tree, chosen, mutations]) => ({ tree, text: mutate(serialise(tree, chosen), mutations), intact: mutations.length === 0 }));
