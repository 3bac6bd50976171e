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

/**
 * The same string, interned as V8 interns property names: the readers compare element names
 * with literals hundreds of thousands of times, and two interned strings compare by address.
 */
function interned(name: string): string {
  return Object.keys({ [name]: true })[0] as string;
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
 * What a reader keeps of a document, by path below the root element, each element handed over
 * with its subtree as it closes. `'DONNEES/PERSONNES/PERSONNE'` is every PERSONNE of the first
 * PERSONNES of the first DONNEES — what `childrenNamed(at(root, 'DONNEES', 'PERSONNES'), 'PERSONNE')`
 * gives; `''` is the root itself, the whole document. Paths do not nest.
 */
export type XmlVisitor = Readonly<Record<string, (element: XmlElement) => void>>;

/** A document a reader reads once: whole (`root`), or only the elements it visits (`scan`). */
export interface XmlDocument {
  root(): XmlElement;
  scan(visit: XmlVisitor): void;
}

/** An open element on the way to the visited ones: its path, and the child names met in it. */
interface Route {
  path: string;
  /** The paths of the child names met in it, each built once (the same ones come back thousands of times). */
  childPaths: Map<string, string>;
}

/**
 * Reads a whole document: the root element and everything in it (but `limits.skip`).
 */
export function parseXml(text: string, limits: XmlLimits): XmlElement {
  let root: XmlElement | undefined;
  scanXml(text, limits, { '': (element) => (root = element) });
  return root as XmlElement;
}

/**
 * Reads a document, building only the elements `visit` asks for: everything else is read and
 * checked as thoroughly (well-formedness, entities, attributes, limits) but leaves nothing
 * behind. A 10,000-pupil export holds ~400,000 elements: building them all as one tree cost
 * the import more than reading them (their memory, and the garbage collector moving them).
 * Element names are shared strings; blanks and closing tags are checked in place.
 */
export function scanXml(text: string, limits: XmlLimits, visit: XmlVisitor): void {
  const maxDepth = limits.maxDepth ?? 64;
  const skip = limits.skip;
  const handlers = new Map(Object.entries(visit));
  // Paths leading to visited elements ('' is the root's).
  const prefixes = new Set<string>();
  for (const path of handlers.keys()) {
    const names = path === '' ? [] : path.split('/');
    for (let k = 0; k < names.length; k++) prefixes.add(names.slice(0, k).join('/'));
  }
  const stack: XmlElement[] = [];
  const routes: (Route | null)[] = [];
  const n = text.length;
  let seenRoot = false;
  let visited = -1; // depth of the element being built for a handler, -1 when none is
  let visitedHandler: ((element: XmlElement) => void) | undefined;
  let skipped = 0; // depth inside a subtree left out
  let checkSkipped = false; // left out because not visited (checked), rather than named in limits.skip (not checked)
  let elements = 0;
  let line = 1;
  let counted = 0;
  let nextAmpersand = -1;
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
    const name = interned(text.slice(from, to));
    if (!bucket) names.set(key, [name]);
    else if (bucket.length < 8) bucket.push(name);
    return name;
  };
  // Elements left out stand on the stack as one placeholder per name (never written to).
  const placeholders = new Map<string, XmlElement>();
  const placeholder = (name: string): XmlElement => {
    let element = placeholders.get(name);
    if (!element) {
      element = { name, attrs: null, children: noChildren, text: '', line: 0 };
      placeholders.set(name, element);
    }
    return element;
  };
  /** Entity references of text not kept are checked all the same (an unknown one refuses the file). */
  const checkEntities = (from: number, to: number) => {
    if (nextAmpersand < from && nextAmpersand !== -2) nextAmpersand = text.indexOf('&', from);
    if (nextAmpersand === -1) nextAmpersand = -2; // none left in the file
    if (nextAmpersand >= 0 && nextAmpersand < to) decodeEntities(text.slice(from, to), lineAt(from));
  };
  const attributes = (name: string, from: number, to: number, at: number): Record<string, string> | null => {
    let attrs: Record<string, string> | null = null;
    const source = text.slice(from, to);
    let position = 0;
    for (;;) {
      attribute.lastIndex = position;
      const match = attribute.exec(source);
      if (!match) break;
      attrs ??= {};
      attrs[match[1] as string] = decodeEntities(match[2] ?? match[3] ?? '', line);
      position = attribute.lastIndex;
    }
    if (source.slice(position).trim() !== '') malformed(lineAt(at), `les attributs de <${name}> sont illisibles`);
    return attrs;
  };
  const addText = (from: number, to: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!blank(text, from, to)) malformed(lineAt(from), 'du texte se trouve hors de l’élément principal');
      return;
    }
    if (skipped > 0) {
      if (checkSkipped) checkEntities(from, to);
      return;
    }
    if (visited === -1) {
      checkEntities(from, to);
      return;
    }
    // Whitespace between child elements is not text: skipping it spares containers a long rope.
    if (top.children === noChildren || !blank(text, from, to)) top.text += text.slice(from, to);
  };

  /**
   * Where the text of a leaf ends: `<NAME …>text</NAME>`, the shape of almost every element
   * of these exports, is then read in one step. -1 for anything else (children, comments,
   * CDATA, `</NAME >`), which goes the general way.
   */
  const leafEnd = (name: string, from: number): number => {
    const close = text.indexOf('<', from);
    if (close === -1 || text.charCodeAt(close + 1) !== 0x2f || !text.startsWith(name, close + 2) || text.charCodeAt(close + 2 + name.length) !== 0x3e) return -1;
    return close;
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
        if (skipped === 0 && visited !== -1) (stack[stack.length - 1] as XmlElement).text += text.slice(lt + 9, end);
        i = end + 3;
      } else if (/^<!(?:DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 10))) refuse(doctypeMessage);
      else malformed(lineAt(lt), 'une déclaration « <! » inattendue');
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    if (gt === -1) malformed(lineAt(lt), 'une balise n’est pas refermée');
    if (next === 0x2f /* / */) {
      const open = stack.pop();
      routes.pop();
      const matches =
        open !== undefined &&
        ((text.startsWith(open.name, lt + 2) && blank(text, lt + 2 + open.name.length, gt)) || text.slice(lt + 2, gt).trim() === open.name);
      if (!matches) malformed(lineAt(lt), `la balise fermante </${text.slice(lt + 2, gt).trim()}> ne correspond à aucune balise ouverte`);
      if (skipped > 0) skipped--;
      else if (visited !== -1) {
        open.text = decodeEntities(open.text, open.line).trim();
        if (stack.length === visited) {
          visited = -1;
          (visitedHandler as (element: XmlElement) => void)(open);
        }
      }
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
    if (!parent && seenRoot) malformed(lineAt(lt), 'un second élément principal suit le premier');
    i = gt + 1;

    // Inside a subtree left out, or the start of one.
    if (skipped > 0 || (parent !== undefined && skip?.has(name))) {
      if (skipped === 0) checkSkipped = false;
      else if (checkSkipped && j < end) attributes(name, j, end, lt);
      const close = skipped > 0 && !selfClosing ? leafEnd(name, i) : -1;
      if (close !== -1) {
        if (checkSkipped) checkEntities(i, close);
        i = close + name.length + 3;
        continue;
      }
      if (!selfClosing) {
        skipped++;
        stack.push(placeholder(name));
        routes.push(null);
      }
      seenRoot = true;
      continue;
    }
    // Outside the visited elements: on the way to some, one of them, or left out.
    let handler: ((element: XmlElement) => void) | undefined;
    let route: Route | null = null;
    if (visited === -1) {
      const parentRoute = parent ? (routes[routes.length - 1] as Route) : null;
      let path = parentRoute === null ? '' : parentRoute.childPaths.get(name);
      const first = path === undefined || parentRoute === null;
      if (path === undefined) {
        path = (parentRoute as Route).path === '' ? name : `${(parentRoute as Route).path}/${name}`;
        (parentRoute as Route).childPaths.set(name, path);
      }
      handler = handlers.get(path);
      if (!handler && first && prefixes.has(path)) route = { path, childPaths: new Map() };
      if (!handler && !route) {
        if (j < end) attributes(name, j, end, lt);
        if (!selfClosing) {
          skipped = 1;
          checkSkipped = true;
          stack.push(placeholder(name));
          routes.push(null);
        }
        seenRoot = true;
        continue;
      }
    }
    seenRoot = true;
    const attrs = j < end ? attributes(name, j, end, lt) : null;
    if (route) {
      if (!selfClosing) {
        stack.push({ name, attrs, children: noChildren, text: '', line: 0 });
        routes.push(route);
      }
      continue;
    }
    const element: XmlElement = { name, attrs, children: noChildren, text: '', line: lineAt(lt) };
    const close = visited !== -1 && !selfClosing ? leafEnd(name, i) : -1;
    if (close !== -1) {
      element.text = decodeEntities(text.slice(i, close), element.line).trim();
      const siblings = (parent as XmlElement).children;
      if (siblings === noChildren) (parent as XmlElement).children = [element];
      else siblings.push(element);
      i = close + name.length + 3;
      continue;
    }
    if (handler) {
      if (selfClosing) handler(element);
      else {
        visited = stack.length;
        visitedHandler = handler;
      }
    } else if (parent) {
      if (parent.children === noChildren) parent.children = [element];
      else parent.children.push(element);
    }
    if (!selfClosing) {
      stack.push(element);
      routes.push(null);
    }
  }
  if (stack.length > 0) malformed(lineAt(n), `l’élément <${(stack[stack.length - 1] as XmlElement).name}> n’est jamais refermé`);
  if (!seenRoot) malformed(lineAt(n), 'aucun élément');
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
