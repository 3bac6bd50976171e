import type { Tree } from './xml-differential.ts';

/**
 * One document tree written the many ways tools write XML: every layout reads back to the same
 * tree. Registry exports are pretty-printed by the ministry, but re-saved by spreadsheet
 * programs, editors and scripts they arrive on one line, in CRLF, indented with tabs, with
 * single quotes, self-closing empty elements, comments, CDATA or character references.
 */
export interface Layout {
  /** Between elements: '' writes the whole document on one line. */
  newline: '' | '\n' | '\r\n';
  indent: string;
  quote: '"' | "'";
  /** `<NOM_USAGE/>` (or `<NOM_USAGE />`) for an empty element, rather than `<NOM_USAGE></NOM_USAGE>`. */
  selfClosing: '' | '/>' | ' />';
  /** A comment and a processing instruction before every element but the root. */
  comments: boolean;
  /** Text written as CDATA sections where it may be. */
  cdata: boolean;
  /** Characters beyond ASCII written as references. */
  references: 'none' | 'decimal' | 'hex';
  /** Quotes and apostrophes in text written as the predefined entities. */
  entities: boolean;
  /** `</NAME >` and spaces around `=`. */
  spacedTags: boolean;
  bom: boolean;
  declaration: boolean;
}

export const pretty: Layout = {
  newline: '\n', indent: '', quote: '"', selfClosing: '', comments: false, cdata: false, references: 'none', entities: false, spacedTags: false, bom: false, declaration: true,
};

/** The layouts every sample is read in, by name. */
export const layouts: Record<string, Layout> = {
  pretty,
  'one line': { ...pretty, newline: '' },
  CRLF: { ...pretty, newline: '\r\n' },
  'tab indent': { ...pretty, indent: '\t' },
  'single quotes': { ...pretty, quote: "'" },
  'self-closing': { ...pretty, selfClosing: '/>' },
  'self-closing, spaced': { ...pretty, selfClosing: ' />', spacedTags: true },
  'comments and instructions': { ...pretty, comments: true },
  CDATA: { ...pretty, cdata: true },
  'decimal references': { ...pretty, references: 'decimal' },
  'hex references': { ...pretty, references: 'hex' },
  'predefined entities': { ...pretty, entities: true },
  BOM: { ...pretty, bom: true },
  'one line, everything': { newline: '', indent: '', quote: "'", selfClosing: '/>', comments: true, cdata: true, references: 'hex', entities: true, spacedTags: true, bom: true, declaration: true },
};

function characters(value: string, layout: Layout, attribute: boolean): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"' && (attribute ? layout.quote === '"' : layout.entities)) out += '&quot;';
    else if (char === "'" && (attribute ? layout.quote === "'" : layout.entities)) out += '&apos;';
    // A literal CR is read as LF, and TAB or LF in an attribute as a space: they need references.
    else if (char === '\r' || (attribute && (char === '\t' || char === '\n'))) out += `&#${code};`;
    else if (code > 0x7e && layout.references !== 'none') out += layout.references === 'hex' ? `&#x${code.toString(16).toUpperCase()};` : `&#${code};`;
    else out += char;
  }
  return out;
}

function text(value: string, layout: Layout): string {
  if (value === '') return '';
  if (layout.cdata && !value.includes(']]>') && !value.includes('\r')) return `<![CDATA[${value}]]>`;
  return characters(value, layout, false);
}

function element(tree: Tree, layout: Layout, depth: number): string {
  const equals = layout.spacedTags ? ' = ' : '=';
  const attrs = tree.attrs.map(([name, value]) => ` ${name}${equals}${layout.quote}${characters(value, layout, true)}${layout.quote}`).join('');
  const close = `</${tree.name}${layout.spacedTags ? ' ' : ''}>`;
  const before = depth > 0 && layout.comments ? '<!-- élément --><?sesame test?>' : '';
  const margin = layout.newline + layout.indent.repeat(depth);
  const head = `${depth > 0 ? margin : ''}${before}<${tree.name}${attrs}`;
  if (tree.children.length === 0) {
    if (tree.text === '' && layout.selfClosing) return `${head}${layout.selfClosing}`;
    return `${head}>${text(tree.text, layout)}${close}`;
  }
  const children = tree.children.map((child) => element(child, layout, depth + 1)).join('');
  return `${head}>${text(tree.text, layout)}${children}${margin}${close}`;
}

/** The document: declaration, root, final newline (none on one line). */
export function serialise(tree: Tree, layout: Layout, encoding = 'UTF-8'): string {
  const declaration = layout.declaration ? `<?xml version=${layout.quote}1.0${layout.quote} encoding=${layout.quote}${encoding}${layout.quote}?>${layout.newline}` : '';
  return `${layout.bom ? '\ufeff' : ''}${declaration}${element(tree, layout, 0)}${layout.newline}`;
}
