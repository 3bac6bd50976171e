import type { Sheet } from '../sheet-model.ts';
import { Canvas, colors, type Color } from './canvas.ts';
import { fitCredential } from './credential.ts';
import { cachedForm, type RenderKit } from './kit.ts';
import type { Shaped } from './text.ts';

/**
 * The pages a class's stack starts with: a cover page (« CP A — 22 élèves, 38 parents ») for
 * whoever hands the sheets out, and the hand-out list (liste d'émargement) to sign.
 */
export interface ClassGroup {
  /** Null: accounts with no class (staff, guests). */
  className: string | null;
  sheets: Sheet[];
}

export function groupLabel(group: ClassGroup): string {
  return group.className ?? 'Sans classe';
}

const nouns: Record<string, [string, string]> = {
  Élève: ['élève', 'élèves'],
  Parent: ['parent', 'parents'],
  Enseignant: ['enseignant', 'enseignants'],
  Personnel: ['personnel', 'personnels'],
  Invité: ['invité', 'invités'],
};

/** « 22 élèves, 38 parents, 1 enseignant », pupils first as in the consoles. */
export function profileCounts(sheets: Sheet[]): string {
  const counts = new Map<string, number>();
  for (const sheet of sheets) counts.set(sheet.profileLabel, (counts.get(sheet.profileLabel) ?? 0) + 1);
  const rank = (label: string) => Object.values(nouns).findIndex(([singular]) => singular === label.toLowerCase());
  return [...counts]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([label, count]) => {
      const [singular, plural] = nouns[label] ?? [label.toLowerCase(), `${label.toLowerCase()}s`];
      return `${count} ${count > 1 ? plural : singular}`;
    })
    .join(', ');
}

export function drawCoverPage(kit: RenderKit, group: ClassGroup, page: { width: number; height: number }, sheetPages: number): Canvas {
  const type = kit.writer.type;
  const canvas = new Canvas();
  const { width, height } = page;
  const margin = 56;
  const center = width / 2;
  canvas.fillColor(colors.accent).text(type.shape(`${kit.frame.entName} · ${kit.frame.schoolName}`, 'sans'), 11, center, height - margin - 10, 'center');
  canvas.strokeColor(colors.rule).line(margin, height - margin - 24, width - margin, height - margin - 24, 0.6);

  const middle = height * 0.62;
  canvas.fillColor(colors.muted).text(type.shape('Fiches de connexion à l’ENT', 'sans'), 14, center, middle + 70, 'center');
  const title = type.fit(groupLabel(group), 'sansBold', { maxWidth: width - 2 * margin, maxLines: 2, size: 60, minSize: 24 });
  canvas.fillColor(colors.ink).lines(title.lines, title.size, center, middle, title.size * 1.1, 'center');
  const below = middle - (title.lines.length - 1) * title.size * 1.1 - 40;
  canvas.fillColor(colors.ink).text(type.shape(profileCounts(group.sheets), 'sans'), 16, center, below, 'center');
  const activated = group.sheets.filter((sheet) => sheet.state === 'activated').length;
  const details = [
    `${group.sheets.length} ${group.sheets.length > 1 ? 'fiches' : 'fiche'} sur ${sheetPages} ${sheetPages > 1 ? 'pages' : 'page'}`,
    activated ? `dont ${activated} ${activated > 1 ? 'comptes déjà activés' : 'compte déjà activé'} (rappel de l’identifiant)` : '',
  ].filter(Boolean);
  details.forEach((line, index) => canvas.fillColor(colors.muted).text(type.shape(line, 'sans'), 11.5, center, below - 26 - index * 17, 'center'));

  const boxTop = height * 0.3;
  canvas.strokeColor(colors.rule).raw('0.8 w').roundedRect(margin, boxTop - 80, width - 2 * margin, 80, 6, 'S');
  canvas.fillColor(colors.muted);
  canvas.text(type.shape('Remis par :', 'sans'), 10.5, margin + 16, boxTop - 28);
  canvas.text(type.shape('Le :', 'sans'), 10.5, margin + 16, boxTop - 58);
  canvas.strokeColor(colors.faint).line(margin + 80, boxTop - 30, width - margin - 16, boxTop - 30, 0.5, [1, 2]);
  canvas.line(margin + 80, boxTop - 60, width - margin - 16, boxTop - 60, 0.5, [1, 2]);
  canvas.fillColor(colors.faint).text(type.shape(kit.frame.placeDate, 'sans'), 9, center, margin, 'center');
  return canvas;
}

/** A row of one line of text; blank rows, to add someone by hand, keep it too. */
const rowHeight = 25;
const listMargin = { top: 50, bottom: 44, side: 40 } as const;
/** Rows stop this far above the bottom margin, where the page number goes. */
const rowsBottom = listMargin.bottom + 12;
const cell = { padX: 5, padTop: 9, padBottom: 7, leading: 1.2 } as const;

interface Column {
  title: string;
  width: number;
  value: (sheet: Sheet, index: number) => string;
  role: 'sans' | 'sansBold' | 'mono';
}

function columns(tableWidth: number): Column[] {
  const fixed: Column[] = [
    { title: 'N°', width: 24, value: (_sheet, index) => String(index + 1), role: 'sans' },
    { title: 'Nom', width: 0.19, value: (sheet) => sheet.lastName, role: 'sansBold' },
    { title: 'Prénom', width: 0.14, value: (sheet) => sheet.firstName, role: 'sans' },
    { title: 'Profil', width: 52, value: (sheet) => sheet.profileLabel, role: 'sans' },
    { title: 'Identifiant', width: 0.22, value: (sheet) => sheet.login, role: 'mono' },
    { title: 'Remis le', width: 50, value: () => '', role: 'sans' },
    { title: 'Signature', width: 0, value: () => '', role: 'sans' },
  ];
  const sized = fixed.map((column) => ({ ...column, width: column.width >= 1 ? column.width : column.width * tableWidth }));
  const used = sized.reduce((sum, column) => sum + column.width, 0);
  const signature = sized.at(-1) as Column;
  signature.width = tableWidth - used;
  return sized;
}

/** The columns a guardian's children are written under, below their name: Nom, Prénom and Profil. */
const personColumns = { first: 1, last: 3 } as const;
const childrenSize = 7.5;

/** One person's row, laid out: its height, and how to draw it with its top at y. */
interface ListRow {
  height: number;
  /** Below this many points from the row's top, the person columns hold the children's line: no rule between them. */
  personBlock: number | null;
  draw(canvas: Canvas, top: number): void;
}

/** A cell's lines: the capitals of the first `cell.padTop` under `offset` from the row's top. */
interface CellText {
  column: number;
  x: number;
  offset: number;
  size: number;
  lines: readonly Shaped[];
  color: Color;
}

/** From the row's top to the descenders of the cell's last line. */
const bottomOf = (text: CellText) => text.offset + cell.padTop + text.size + (text.lines.length - 1) * text.size * cell.leading;

function listRow(kit: RenderKit, sheet: Sheet, index: number, cols: Column[]): ListRow {
  const type = kit.writer.type;
  const starts = cols.map((_column, c) => listMargin.side + cols.slice(0, c).reduce((sum, column) => sum + column.width, 0));
  const texts: CellText[] = [];
  cols.forEach((column, c) => {
    const value = column.value(sheet, index);
    if (!value) return;
    const maxWidth = column.width - 2 * cell.padX;
    // Neither a name nor a login is ever cut: a long one takes a second or a third line.
    const fitted =
      column.role === 'mono'
        ? fitCredential(type, value, 'mono', { maxWidth, sizes: [8.5, 8, 7.5] })
        : type.fit(value, column.role, { maxWidth, maxLines: 3, size: 9, minSize: 7, whole: true });
    texts.push({ column: c, x: (starts[c] as number) + cell.padX, offset: 0, size: fitted.size, lines: fitted.lines, color: c === 0 ? colors.faint : colors.ink });
  });
  let personBlock: number | null = null;
  if (sheet.children.length > 0) {
    // « Whose parent »: whoever hands the sheets out finds the family by the child.
    const from = starts[personColumns.first] as number;
    const to = starts[personColumns.last + 1] as number;
    const namesBottom = Math.max(...texts.filter((text) => text.column >= personColumns.first && text.column <= personColumns.last).map(bottomOf));
    const lines = type.wrap(`Responsable de : ${sheet.children.join(', ')}`, 'sans', childrenSize, to - from - 2 * cell.padX);
    personBlock = namesBottom + 1;
    texts.push({ column: personColumns.first, x: from + cell.padX, offset: namesBottom + 2 - cell.padTop, size: childrenSize, lines, color: colors.muted });
  }
  return {
    height: Math.max(rowHeight, ...texts.map((text) => bottomOf(text) + cell.padBottom)),
    personBlock,
    draw: (canvas, top) => {
      for (const text of texts) {
        const baseline = top - text.offset - cell.padTop - text.size * 0.75;
        canvas.fillColor(text.color).lines(text.lines, text.size, text.x, baseline, text.size * cell.leading);
      }
    },
  };
}

/** The hand-out list of a class: as many pages as its rows take, each row as tall as its names, login and children need. */
export function drawHandOutPages(kit: RenderKit, group: ClassGroup, page: { width: number; height: number }): Canvas[] {
  const type = kit.writer.type;
  const tableWidth = page.width - 2 * listMargin.side;
  const cols = columns(tableWidth);
  const tableTop = page.height - listMargin.top - 52;
  const header = cachedForm(kit, `hand-out-header|${page.width}`, page.width, page.height, (canvas) => {
    canvas.fillColor(colors.panel).rect(listMargin.side, tableTop - rowHeight, tableWidth, rowHeight, 'f');
    let x = listMargin.side;
    for (const column of cols) {
      canvas.fillColor(colors.muted).text(type.shape(column.title, 'sansBold'), 8.5, x + 5, tableTop - 16);
      x += column.width;
    }
    canvas.strokeColor(colors.rule);
    canvas.line(listMargin.side, tableTop, listMargin.side + tableWidth, tableTop, 0.8);
    canvas.line(listMargin.side, tableTop - rowHeight, listMargin.side + tableWidth, tableTop - rowHeight, 0.8);
    verticalRules(canvas, cols, tableTop, tableTop - rowHeight, null);
  });

  const rows = group.sheets.map((sheet, index) => listRow(kit, sheet, index, cols));
  const pageRows: ListRow[][] = [[]];
  let y = tableTop - rowHeight;
  for (const row of rows) {
    if (y - row.height < rowsBottom && (pageRows.at(-1) as ListRow[]).length > 0) {
      pageRows.push([]);
      y = tableTop - rowHeight;
    }
    (pageRows.at(-1) as ListRow[]).push(row);
    y -= row.height;
  }

  const subtitle = `Remise des identifiants ${kit.frame.entName} · ${kit.frame.schoolName} · ${profileCounts(group.sheets)}`;
  const fitted = type.fit(subtitle, 'sans', { maxWidth: tableWidth, maxLines: 1, size: 9.5, minSize: 6 });
  return pageRows.map((onPage, p) => {
    const canvas = new Canvas();
    canvas.place(header.resourceName, 0, 0);
    canvas.fillColor(colors.ink).text(type.shape(`Liste d’émargement · ${groupLabel(group)}`, 'sansBold'), 16, listMargin.side, page.height - listMargin.top - 14);
    canvas.fillColor(colors.muted).lines(fitted.lines, fitted.size, listMargin.side, page.height - listMargin.top - 32, fitted.size);
    let top = tableTop - rowHeight;
    // The people, then blank rows down to the foot of the page, to add someone by hand.
    const heights = [...onPage.map((row) => row.height)];
    while (top - heights.reduce((sum, height) => sum + height, 0) - rowHeight >= rowsBottom) heights.push(rowHeight);
    heights.forEach((height, r) => {
      const row = onPage[r];
      row?.draw(canvas, top);
      canvas.strokeColor(colors.rule).line(listMargin.side, top - height, listMargin.side + tableWidth, top - height, 0.4);
      verticalRules(canvas, cols, top, top - height, row?.personBlock ?? null);
      top -= height;
    });
    const footer = `${kit.frame.placeDate} · page ${p + 1} sur ${pageRows.length}`;
    canvas.fillColor(colors.faint).text(type.shape(footer, 'sans'), 8, page.width - listMargin.side, listMargin.bottom - 14, 'right');
    return canvas;
  });
}

/** The column rules of one row; between the person columns, only above the children's line. */
function verticalRules(canvas: Canvas, cols: Column[], top: number, bottom: number, personBlock: number | null): void {
  let x = listMargin.side;
  cols.forEach((column, c) => {
    const inside = c > personColumns.first && c <= personColumns.last;
    canvas.line(x, top, x, inside && personBlock !== null ? top - personBlock : bottom, 0.4);
    x += column.width;
  });
  canvas.line(x, top, x, bottom, 0.4);
}
