import { SaxesParser } from 'saxes';
import { FileRefusal } from '../core/imports/refusal.ts';
import { doctypeMessage, parseXml, scanXml, type XmlElement, type XmlLimits } from '../core/imports/xml.ts';

/**
 * The XML scanner (core/imports/xml.ts) held to saxes, a well-kept independent parser: both
 * read the same text into the same plain tree, or both refuse it. The tree is what the
 * scanner promises its readers (XmlElement without line numbers): names, attributes in
 * document order, character data decoded, whitespace-only pieces after a first child dropped,
 * then trimmed. Used by xml.differential.test.ts and `npm run bench -- fuzz`.
 */
export interface Tree {
  name: string;
  attrs: [string, string][];
  text: string;
  children: Tree[];
}

export type Outcome = { ok: true; tree: Tree } | { ok: false; reason: string };

const maxElements = 1_000_000;

/** What saxes (XML 1.0, no namespaces, nothing outside the document) reads. */
export function referenceTree(text: string): Outcome {
  const parser = new SaxesParser({ defaultXMLVersion: '1.0', forceXMLVersion: true });
  const stack: Tree[] = [];
  let root: Tree | undefined;
  const characterData = (value: string) => {
    const top = stack[stack.length - 1];
    if (!top || (top.children.length > 0 && value.trim() === '')) return;
    top.text += value;
  };
  parser.on('opentag', (tag) => {
    const element: Tree = { name: tag.name, attrs: Object.entries(tag.attributes as Record<string, string>), text: '', children: [] };
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop() as Tree;
    element.text = element.text.trim();
  });
  parser.on('text', characterData);
  parser.on('cdata', characterData);
  try {
    parser.write(text).close();
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  return root ? { ok: true, tree: root } : { ok: false, reason: 'no root' };
}

function plain(element: XmlElement): Tree {
  return { name: element.name, attrs: Object.entries(element.attrs ?? {}), text: element.text, children: element.children.map(plain) };
}

function refusedBy(read: () => void): Outcome | null {
  try {
    read();
  } catch (error) {
    // Anything but a refusal (a TypeError, a RangeError…) is a crash: it propagates.
    if (error instanceof FileRefusal) return { ok: false, reason: error.message };
    throw error;
  }
  return null;
}

/** What the scanner reads, the whole document kept. */
export function scannerTree(text: string, limits: XmlLimits = { maxElements }): Outcome {
  let root: XmlElement | undefined;
  return refusedBy(() => (root = parseXml(text, limits))) ?? { ok: true, tree: plain(root as XmlElement) };
}

/**
 * Where the scanner refuses on purpose what saxes reads, each rule narrowed to the scanner's
 * own message for it. Refusing is the safe side (the director is told why; nothing is misread).
 */
const deliberateRefusals = [
  // It never reads a DTD, however simple.
  (reason: string) => reason === doctypeMessage,
  // § 2.2 excludes surrogates, which saxes lets through alone; the decoders (decode.ts) never
  // produce a lone one, so only generated strings hold them.
  (reason: string) => /le caractère U\+D[89A-F][0-9A-F]{2} /.test(reason),
  // § 2.6: a processing instruction's target is followed by whitespace or `?>`; saxes reads
  // `<?x?y …?>` as target x, body `?y …`.
  (reason: string) => /l’instruction « <\?[^»]*\?/.test(reason),
];

/** Why the two readings differ, or null when they agree. */
export function divergence(text: string): string | null {
  const scanned = scannerTree(text);
  if (!scanned.ok && deliberateRefusals.some((rule) => rule(scanned.reason))) return null;
  const reference = referenceTree(text);
  if (!reference.ok || !scanned.ok) {
    if (reference.ok === scanned.ok) return null;
    return reference.ok ? `the scanner refused what saxes read: ${scanned.ok ? '' : scanned.reason}` : `the scanner read what saxes refused: ${reference.ok ? '' : reference.reason}`;
  }
  const expected = JSON.stringify(reference.tree);
  const actual = JSON.stringify(scanned.tree);
  if (expected !== actual) return `trees differ:\n  saxes   ${expected.slice(0, 2000)}\n  scanner ${actual.slice(0, 2000)}`;
  return scanDivergence(text, reference.tree);
}

/** The first child named `name` of each element on a path, as scanXml's paths mean it. */
function expectedVisits(root: Tree, path: string[]): Tree[] {
  let container: Tree | undefined = root;
  for (const name of path.slice(0, -1)) container = container?.children.find((candidate) => candidate.name === name);
  return container?.children.filter((candidate) => candidate.name === path[path.length - 1]) ?? [];
}

function withoutSkipped(tree: Tree, skip: string): Tree {
  return { ...tree, children: tree.children.filter((candidate) => candidate.name !== skip).map((candidate) => withoutSkipped(candidate, skip)) };
}

/**
 * The readers' way (scanXml with visited paths and a skipped name): each visited element is
 * the reference's subtree at that path, less the skipped name's subtrees.
 */
function scanDivergence(text: string, reference: Tree): string | null {
  const first = reference.children[0];
  const grandchild = first?.children[0];
  const skip = reference.children.find((candidate) => candidate.children.length > 0 && candidate !== first)?.name ?? 'NONE';
  const paths = [first && grandchild ? [first.name, grandchild.name] : null, reference.children.at(-1)?.name === first?.name ? null : [reference.children.at(-1)?.name ?? '']]
    .filter((path): path is string[] => path !== null && path.every((name) => name !== '' && name !== skip));
  const visited = new Map<string, Tree[]>(paths.map((path) => [path.join('/'), []]));
  const refusal = refusedBy(() =>
    scanXml(text, { maxElements, skip: new Set([skip]) }, Object.fromEntries(paths.map((path) => [path.join('/'), (element: XmlElement) => visited.get(path.join('/'))?.push(plain(element))]))),
  );
  if (refusal) return `scanXml refused what parseXml read: ${refusal.ok ? '' : refusal.reason}`;
  for (const path of paths) {
    const expected = JSON.stringify(expectedVisits(reference, path).map((tree) => withoutSkipped(tree, skip)));
    const actual = JSON.stringify(visited.get(path.join('/')));
    if (expected !== actual) return `scanXml visiting ${path.join('/')} (skipping ${skip}) differs:\n  saxes   ${expected.slice(0, 2000)}\n  scanner ${actual.slice(0, 2000)}`;
  }
  return null;
}
