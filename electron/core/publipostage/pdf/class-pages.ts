import type { Sheet } from '../sheet-model.ts';
import { Canvas, colors } from './canvas.ts';
import { cachedForm, type RenderKit } from './kit.ts';

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

const rowHeight = 25;
const listMargin = { top: 50, bottom: 44, side: 40 } as const;

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
    { title: 'Identifiant', width: 0.18, value: (sheet) => sheet.login, role: 'mono' },
    { title: 'Remis le', width: 58, value: () => '', role: 'sans' },
    { title: 'Signature', width: 0, value: () => '', role: 'sans' },
  ];
  const sized = fixed.map((column) => ({ ...column, width: column.width >= 1 ? column.width : column.width * tableWidth }));
  const used = sized.reduce((sum, column) => sum + column.width, 0);
  const signature = sized.at(-1) as Column;
  signature.width = tableWidth - used;
  return sized;
}

export function handOutRowsPerPage(pageHeight: number): number {
  return Math.floor((pageHeight - listMargin.top - listMargin.bottom - 64) / rowHeight);
}

/** The hand-out list of a class, one page per `handOutRowsPerPage` people. */
export function drawHandOutPages(kit: RenderKit, group: ClassGroup, page: { width: number; height: number }): Canvas[] {
  const type = kit.writer.type;
  const tableWidth = page.width - 2 * listMargin.side;
  const cols = columns(tableWidth);
  const perPage = handOutRowsPerPage(page.height);
  const pageCount = Math.max(1, Math.ceil(group.sheets.length / perPage));
  const tableTop = page.height - listMargin.top - 52;
  const grid = cachedForm(kit, `hand-out-grid|${page.width}`, page.width, page.height, (canvas) => {
    canvas.fillColor(colors.panel).rect(listMargin.side, tableTop - rowHeight, tableWidth, rowHeight, 'f');
    let x = listMargin.side;
    for (const column of cols) {
      canvas.fillColor(colors.muted).text(type.shape(column.title, 'sansBold'), 8.5, x + 5, tableTop - 16);
      x += column.width;
    }
    canvas.strokeColor(colors.rule);
    for (let row = 0; row <= perPage + 1; row++) {
      const y = tableTop - row * rowHeight;
      canvas.line(listMargin.side, y, listMargin.side + tableWidth, y, row <= 1 ? 0.8 : 0.4);
    }
    x = listMargin.side;
    for (const column of [...cols, null]) {
      canvas.line(x, tableTop, x, tableTop - (perPage + 1) * rowHeight, 0.4);
      if (column) x += column.width;
    }
  });

  const pages: Canvas[] = [];
  for (let p = 0; p < pageCount; p++) {
    const canvas = new Canvas();
    canvas.place(grid.resourceName, 0, 0);
    const title = `Liste d’émargement · ${groupLabel(group)}`;
    canvas.fillColor(colors.ink).text(type.shape(title, 'sansBold'), 16, listMargin.side, page.height - listMargin.top - 14);
    const subtitle = `Remise des identifiants ${kit.frame.entName} · ${kit.frame.schoolName} · ${profileCounts(group.sheets)}`;
    const fitted = type.fit(subtitle, 'sans', { maxWidth: tableWidth, maxLines: 1, size: 9.5, minSize: 6 });
    canvas.fillColor(colors.muted).lines(fitted.lines, fitted.size, listMargin.side, page.height - listMargin.top - 32, fitted.size);
    const rows = group.sheets.slice(p * perPage, (p + 1) * perPage);
    rows.forEach((sheet, r) => {
      const index = p * perPage + r;
      const baseline = tableTop - (r + 1) * rowHeight - 16;
      let x = listMargin.side;
      for (const column of cols) {
        const value = column.value(sheet, index);
        if (value) {
          const cell = type.fit(value, column.role, { maxWidth: column.width - 10, maxLines: 1, size: column.role === 'mono' ? 8.5 : 9, minSize: 5 });
          canvas.fillColor(column.title === 'N°' ? colors.faint : colors.ink).lines(cell.lines, cell.size, x + 5, baseline, cell.size);
        }
        x += column.width;
      }
    });
    const footer = `${kit.frame.placeDate} · page ${p + 1} sur ${pageCount}`;
    canvas.fillColor(colors.faint).text(type.shape(footer, 'sans'), 8, page.width - listMargin.side, listMargin.bottom - 14, 'right');
    pages.push(canvas);
  }
  return pages;
}
