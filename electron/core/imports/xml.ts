import { refuse } from './refusal.ts';

/**
 * A strict, non-validating reader for the ministry's flat XML exports (SIECLE/BEE, STS-Web).
 *
 * Why not fast-xml-parser: on this machine it reads a 10,000-pupil ResponsablesAvecAdresses.xml
 * (8 MB once addresses are dropped) in 1.1–1.5 s cold, which alone breaks the 2-second import
 * target; this scanner does it in about 0.2 s. It is safe by construction: no DTD is ever
 * read (any DOCTYPE or ENTITY declaration refuses the file), only the five predefined entities
 * and numeric references are decoded, nothing is fetched, and depth and element counts are
 * capped. Well-formedness is checked (matching tags, one root, nothing after it).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string> | null;
  children: XmlElement[];
  /** Text content directly inside the element, entity-decoded, trimmed. */
  text: string;
  line: number;
}

export interface XmlLimits {
  maxElements: number;
  maxDepth?: number;
  /** Elements whose whole subtree is checked but not kept (e.g. ADRESSES, unused). */
  skip?: ReadonlySet<string>;
}

export const doctypeMessage =
  'Ce fichier XML contient une déclaration DOCTYPE ou ENTITY. Par sécurité, Sésame ne lit pas ces fichiers : ' +
  'les exports SIECLE et STS-Web n’en contiennent jamais. Téléchargez de nouveau l’export depuis l’application nationale.';

// Leaves share one empty list until a first child arrives: most elements of an export are leaves.
const noChildren: XmlElement[] = [];

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const reference = /&(?:(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,30});)?/g;
const attribute = /\s*([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

function malformed(line: number, detail: string): never {
  return refuse(`Le fichier XML est mal formé (ligne ${line}) : ${detail}. Il est peut-être incomplet ; téléchargez-le de nouveau.`);
}

function decodeEntities(text: string, line: number): string {
  if (!text.includes('&')) return text;
  return text.replace(reference, (_match, name: string | undefined) => {
    if (name === undefined) malformed(line, 'un caractère « & » isolé');
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (code === 0 || code > 0x10ffff) malformed(line, `la référence de caractère « &${name}; » est invalide`);
      return String.fromCodePoint(code);
    }
    const value = predefined[name];
    if (value === undefined) {
      refuse(`Le fichier XML utilise une entité inconnue « &${name}; » (ligne ${line}). Par sécurité, Sésame ne la remplace pas et ne lit pas ce fichier.`);
    }
    return value;
  });
}

/** Whether text[from, to) is blank, as String.prototype.trim sees it. */
function blank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c > 0x7f && text.slice(k, to).trim() === '';
  }
  return true;
}

/**
 * Parsing allocates as little as it can (a 10,000-pupil export holds ~400,000 elements):
 * element names are shared strings, the whitespace between elements and the closing tags are
 * checked in place, skipped subtrees only count their depth.
 */
export function parseXml(text: string, limits: XmlLimits): XmlElement {
  const maxDepth = limits.maxDepth ?? 64;
  const skip = limits.skip;
  const stack: XmlElement[] = [];
  const n = text.length;
  let root: XmlElement | null = null;
  let skipped = 0; // depth inside a skipped subtree
  let elements = 0;
  let line = 1;
  let counted = 0;
  let i = 0;

  const lineAt = (position: number) => {
    for (let k = text.indexOf('\n', counted); k !== -1 && k < position; k = text.indexOf('\n', k + 1)) line++;
    counted = position;
    return line;
  };
  // Names met so far, by length and first character: a file uses a few dozen names, each
  // hundreds of thousands of times. Buckets are capped, so that no file can make this slow.
  const names = new Map<number, string[]>();
  const nameAt = (from: number, to: number): string => {
    const key = (to - from) * 65_536 + text.charCodeAt(from);
    const bucket = names.get(key);
    if (bucket) for (const known of bucket) if (text.startsWith(known, from)) return known;
    const name = text.slice(from, to);
    if (!bucket) names.set(key, [name]);
    else if (bucket.length < 8) bucket.push(name);
    return name;
  };
  // Inside a skipped subtree, one placeholder per name stands on the stack (never written to).
  const placeholders = new Map<string, XmlElement>();
  const placeholder = (name: string): XmlElement => {
    let element = placeholders.get(name);
    if (!element) {
      element = { name, attrs: null, children: noChildren, text: '', line: 0 };
      placeholders.set(name, element);
    }
    return element;
  };
  const addText = (from: number, to: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!blank(text, from, to)) malformed(lineAt(from), 'du texte se trouve hors de l’élément principal');
      return;
    }
    // Whitespace between child elements is not text: skipping it spares containers a long rope.
    if (skipped === 0 && (top.children === noChildren || !blank(text, from, to))) top.text += text.slice(from, to);
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      addText(i, n);
      break;
    }
    if (lt > i) addText(i, lt);
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) malformed(lineAt(lt), 'une instruction « <? » n’est pas refermée');
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) malformed(lineAt(lt), 'un commentaire n’est pas refermé');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1 || stack.length === 0) malformed(lineAt(lt), 'une section CDATA est mal placée ou non refermée');
        if (skipped === 0) (stack[stack.length - 1] as XmlElement).text += text.slice(lt + 9, end);
        i = end + 3;
      } else if (/^<!(?:DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 10))) refuse(doctypeMessage);
      else malformed(lineAt(lt), 'une déclaration « <! » inattendue');
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    if (gt === -1) malformed(lineAt(lt), 'une balise n’est pas refermée');
    if (next === 0x2f /* / */) {
      const open = stack.pop();
      const matches =
        open !== undefined &&
        ((text.startsWith(open.name, lt + 2) && blank(text, lt + 2 + open.name.length, gt)) || text.slice(lt + 2, gt).trim() === open.name);
      if (!matches) malformed(lineAt(lt), `la balise fermante </${text.slice(lt + 2, gt).trim()}> ne correspond à aucune balise ouverte`);
      if (skipped > 0) skipped--;
      else open.text = decodeEntities(open.text, open.line).trim();
      i = gt + 1;
      continue;
    }
    const selfClosing = text.charCodeAt(gt - 1) === 0x2f;
    const end = selfClosing ? gt - 1 : gt;
    let j = lt + 1;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
      j++;
    }
    if (j === lt + 1) malformed(lineAt(lt), 'une balise sans nom');
    const name = nameAt(lt + 1, j);
    if (++elements > limits.maxElements) refuse(`Le fichier XML contient plus de ${limits.maxElements.toLocaleString('fr-FR')} éléments : c’est plus que ce qu’accepte Sésame.`);
    if (stack.length >= maxDepth) malformed(lineAt(lt), 'les éléments sont imbriqués trop profondément');
    const parent = stack[stack.length - 1];
    if (!parent && root) malformed(lineAt(lt), 'un second élément principal suit le premier');

    if (skipped > 0 || (skip !== undefined && skip.has(name))) {
      // Checked for balance, not kept.
      if (!selfClosing) {
        skipped++;
        stack.push(placeholder(name));
      }
      i = gt + 1;
      continue;
    }
    let attrs: Record<string, string> | null = null;
    if (j < end) {
      const source = text.slice(j, end);
      let position = 0;
      for (;;) {
        attribute.lastIndex = position;
        const match = attribute.exec(source);
        if (!match) break;
        attrs ??= {};
        attrs[match[1] as string] = decodeEntities(match[2] ?? match[3] ?? '', line);
        position = attribute.lastIndex;
      }
      if (source.slice(position).trim() !== '') malformed(lineAt(lt), `les attributs de <${name}> sont illisibles`);
    }
    const element: XmlElement = { name, attrs, children: noChildren, text: '', line: lineAt(lt) };
    if (parent) {
      if (parent.children === noChildren) parent.children = [element];
      else parent.children.push(element);
    } else root = element;
    if (!selfClosing) stack.push(element);
    i = gt + 1;
  }
  if (stack.length > 0) malformed(lineAt(n), `l’élément <${(stack[stack.length - 1] as XmlElement).name}> n’est jamais refermé`);
  if (!root) malformed(lineAt(n), 'aucun élément');
  return root;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((candidate) => candidate.name === name) : [];
}

/** The element at a path of child names, e.g. `at(root, 'DONNEES', 'ELEVES')`. */
export function at(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = child(current, name);
  return current;
}

/** Text of the first child named `name`, '' when absent. */
export function textOf(element: XmlElement | undefined, name: string): string {
  return child(element, name)?.text ?? '';
}

export function attrOf(element: XmlElement | undefined, name: string): string {
  return element?.attrs?.[name]?.trim() ?? '';
}
