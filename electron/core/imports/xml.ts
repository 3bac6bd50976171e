import { refuse } from './refusal.ts';
import {
  asciiAttributePattern,
  attributePattern,
  attributeValue,
  cdataText,
  characterData,
  checkInstruction,
  decodeReferences,
  forbiddenCharacterAt,
  isSpace,
  isXmlName,
  malformed,
  spaceOnly,
} from './xml-syntax.ts';

/**
 * A strict, non-validating reader for the ministry's flat XML exports (SIECLE/BEE, STS-Web).
 *
 * Why not fast-xml-parser: on this machine it reads a 10,000-pupil ResponsablesAvecAdresses.xml
 * (8 MB once addresses are dropped) in 1.1–1.5 s cold, which alone breaks the 2-second import
 * target; this scanner does it in about 0.2 s. It is safe by construction: no DTD is ever
 * read (any DOCTYPE or ENTITY declaration refuses the file), only the five predefined entities
 * and numeric references are decoded, nothing is fetched, and depth and element counts are
 * capped. Well-formedness is checked everywhere, kept or not (xml-syntax.ts has the
 * character-level rules); xml.differential.test.ts proves it against saxes, an independent parser.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string> | null;
  children: XmlElement[];
  /**
   * Character data directly inside the element (text and CDATA), decoded, trimmed. Once the
   * element has a child, whitespace-only pieces between markup are layout, not text.
   */
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

/** A piece of character data joins the element's text, unless it is layout between children. */
function appendText(element: XmlElement, value: string): void {
  if (element.children !== noChildren && value.trim() === '') return;
  element.text += value;
}

function addChild(parent: XmlElement, element: XmlElement): void {
  if (parent.children === noChildren) parent.children = [element];
  else parent.children.push(element);
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
  // A byte order mark the decoder left is not part of the document.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let seenRoot = false;
  let visited = -1; // depth of the element being built for a handler, -1 when none is
  let visitedHandler: ((element: XmlElement) => void) | undefined;
  let skipped = 0; // depth inside a subtree not kept
  let elements = 0;
  let line = 1;
  let counted = 0;
  let nextAmpersand = -1;
  let nextCdataEnd = -1;
  let i = start;

  const lineAt = (position: number) => {
    if (position < counted) [line, counted] = [1, 0];
    for (let k = text.indexOf('\n', counted); k !== -1 && k < position; k = text.indexOf('\n', k + 1)) line++;
    counted = position;
    return line;
  };
  const forbidden = forbiddenCharacterAt(text);
  if (forbidden !== -1) {
    malformed(lineAt(forbidden), `le caractère U+${(text.codePointAt(forbidden) as number).toString(16).toUpperCase().padStart(4, '0')} n’est pas permis en XML`);
  }
  // Names met so far, by length and first character: a file uses a few dozen names, each
  // hundreds of thousands of times. Buckets are capped, so that no file can make this slow.
  // A name is checked against XML's rules when first met.
  const names = new Map<number, string[]>();
  const nameAt = (from: number, to: number): string => {
    const key = (to - from) * 65_536 + text.charCodeAt(from);
    const bucket = names.get(key);
    if (bucket) for (const known of bucket) if (text.startsWith(known, from)) return known;
    const name = interned(text.slice(from, to));
    if (!isXmlName(name)) malformed(lineAt(from), `le nom de balise « ${name.slice(0, 40)} » n’est pas permis`);
    if (!bucket) names.set(key, [name]);
    else if (bucket.length < 8) bucket.push(name);
    return name;
  };
  // Elements not kept stand on the stack as one placeholder per name (never written to).
  const placeholders = new Map<string, XmlElement>();
  const placeholder = (name: string): XmlElement => {
    let element = placeholders.get(name);
    if (!element) {
      element = { name, attrs: null, children: noChildren, text: '', line: 0 };
      placeholders.set(name, element);
    }
    return element;
  };
  /** Text not kept is checked all the same: its references, and no « ]]> » (found lazily, once per file). */
  const checkText = (from: number, to: number) => {
    if (nextAmpersand < from && nextAmpersand !== -2) nextAmpersand = text.indexOf('&', from);
    if (nextAmpersand === -1) nextAmpersand = -2; // none left in the file
    if (nextAmpersand >= 0 && nextAmpersand < to) decodeReferences(text.slice(from, to), lineAt(from));
    if (nextCdataEnd < from && nextCdataEnd !== -2) nextCdataEnd = text.indexOf(']]>', from);
    if (nextCdataEnd === -1) nextCdataEnd = -2;
    if (nextCdataEnd >= 0 && nextCdataEnd < to) malformed(lineAt(nextCdataEnd), 'la suite « ]]> » se trouve hors d’une section CDATA');
  };
  const addText = (from: number, to: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!spaceOnly(text, from, to)) malformed(lineAt(from), 'du texte se trouve hors de l’élément principal');
      return;
    }
    if (skipped > 0 || visited === -1) checkText(from, to);
    // Whitespace between child elements is not text: skipping it spares containers a long rope.
    else if (top.children === noChildren || !blank(text, from, to)) appendText(top, characterData(text.slice(from, to), lineAt(from)));
  };

  // The attributes of the tag being read, built only for elements kept.
  let attrs: Record<string, string> | null = null;
  const attributeNames: string[] = [];
  /** Reads the attributes from `from` (just after the name); returns where they end. */
  const readAttributes = (name: string, from: number, keep: boolean, at: number): number => {
    attrs = null;
    let k = from;
    if (!isSpace(text.charCodeAt(k))) return k;
    attributeNames.length = 0;
    for (;;) {
      asciiAttributePattern.lastIndex = k;
      let pattern = asciiAttributePattern;
      let match = pattern.exec(text);
      if (!match) {
        pattern = attributePattern;
        pattern.lastIndex = k;
        match = pattern.exec(text);
        if (!match) break;
      }
      const attribute = match[1] as string;
      if (attributeNames.includes(attribute)) malformed(lineAt(at), `l’attribut ${attribute} de <${name}> est écrit deux fois`);
      attributeNames.push(attribute);
      const raw = match[2] ?? match[3] ?? '';
      if (keep) {
        attrs ??= {};
        const value = attributeValue(raw, raw.includes('&') ? lineAt(at) : 0);
        if (attribute === '__proto__') Object.defineProperty(attrs, attribute, { value, enumerable: true, writable: true });
        else attrs[attribute] = value;
      } else if (raw.includes('&')) decodeReferences(raw, lineAt(at));
      k = pattern.lastIndex;
    }
    while (isSpace(text.charCodeAt(k))) k++;
    return k;
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
      checkInstruction(text.slice(lt, end + 2), lt === start, lineAt(lt));
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) malformed(lineAt(lt), 'un commentaire n’est pas refermé');
        // § 2.5: « -- » may not occur inside a comment.
        if (text.indexOf('--', lt + 4) !== end) malformed(lineAt(lt), 'un commentaire contient « -- »');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1 || stack.length === 0) malformed(lineAt(lt), 'une section CDATA est mal placée ou non refermée');
        if (skipped === 0 && visited !== -1) appendText(stack[stack.length - 1] as XmlElement, cdataText(text.slice(lt + 9, end)));
        i = end + 3;
      } else if (/^<!(?:DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 10))) refuse(doctypeMessage);
      else malformed(lineAt(lt), 'une déclaration « <! » inattendue');
      continue;
    }
    if (next === 0x2f /* / */) {
      const gt = text.indexOf('>', lt + 2);
      if (gt === -1) malformed(lineAt(lt), 'une balise n’est pas refermée');
      const open = stack.pop();
      routes.pop();
      // § 3.1: `</NAME>` with optional whitespace before `>`, nothing else.
      if (open === undefined || !text.startsWith(open.name, lt + 2) || !spaceOnly(text, lt + 2 + open.name.length, gt)) {
        malformed(lineAt(lt), `la balise fermante </${text.slice(lt + 2, Math.min(gt, lt + 42)).trim()}> ne correspond à aucune balise ouverte`);
      }
      if (skipped > 0) skipped--;
      else if (visited !== -1) {
        open.text = open.text.trim();
        if (stack.length === visited) {
          visited = -1;
          (visitedHandler as (element: XmlElement) => void)(open);
        }
      }
      i = gt + 1;
      continue;
    }

    let j = lt + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3e || c === 0x2f) break;
      j++;
    }
    if (j === lt + 1) malformed(lineAt(lt), 'une balise sans nom');
    if (j === n) malformed(lineAt(lt), 'une balise n’est pas refermée');
    const name = nameAt(lt + 1, j);
    if (++elements > limits.maxElements) refuse(`Le fichier XML contient plus de ${limits.maxElements.toLocaleString('fr-FR')} éléments : c’est plus que ce qu’accepte Sésame.`);
    if (stack.length >= maxDepth) malformed(lineAt(lt), 'les éléments sont imbriqués trop profondément');
    const parent = stack[stack.length - 1];
    if (!parent && seenRoot) malformed(lineAt(lt), 'un second élément principal suit le premier');
    seenRoot = true;

    // Kept: inside a visited element, a visited one, or one on the way to some.
    let handler: ((element: XmlElement) => void) | undefined;
    let route: Route | null = null;
    if (skipped === 0 && visited === -1 && !(parent !== undefined && skip?.has(name))) {
      const parentRoute = parent ? (routes[routes.length - 1] as Route) : null;
      let path = parentRoute === null ? '' : parentRoute.childPaths.get(name);
      const first = path === undefined || parentRoute === null;
      if (path === undefined) {
        path = (parentRoute as Route).path === '' ? name : `${(parentRoute as Route).path}/${name}`;
        (parentRoute as Route).childPaths.set(name, path);
      }
      handler = handlers.get(path);
      if (!handler && first && prefixes.has(path)) route = { path, childPaths: new Map() };
    }
    const keep = skipped === 0 && (visited !== -1 ? !skip?.has(name) : handler !== undefined || route !== null);
    const end = readAttributes(name, j, keep, lt);
    const selfClosing = text.charCodeAt(end) === 0x2f;
    if (text.charCodeAt(selfClosing ? end + 1 : end) !== 0x3e) {
      malformed(lineAt(lt), end >= n ? 'une balise n’est pas refermée' : `les attributs de <${name}> sont illisibles`);
    }
    i = selfClosing ? end + 2 : end + 1;

    if (!keep) {
      if (selfClosing) continue;
      const close = leafEnd(name, i);
      if (close !== -1) {
        checkText(i, close);
        i = close + name.length + 3;
        continue;
      }
      skipped++;
      stack.push(placeholder(name));
      routes.push(null);
      continue;
    }
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
      element.text = characterData(text.slice(i, close), element.line).trim();
      addChild(parent as XmlElement, element);
      i = close + name.length + 3;
      continue;
    }
    if (handler) {
      if (selfClosing) handler(element);
      else {
        visited = stack.length;
        visitedHandler = handler;
      }
    } else if (parent) addChild(parent, element);
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
