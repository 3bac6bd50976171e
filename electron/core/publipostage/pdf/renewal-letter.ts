import type { SheetFrame } from '../sheet-model.ts';
import { colors } from './canvas.ts';
import { fitCredential } from './credential.ts';
import { PageFlow } from './flow.ts';
import { a4, type TextStyle } from './kit.ts';
import { PdfWriter } from './writer.ts';

/** What one password-renewal letter says (electron/core/directory/renewal.ts builds it). */
export interface RenewalLetter {
  /** « Emma MARTIN ». */
  displayName: string;
  /** « Élève · Classe : CP A », « Responsable de : Emma M. (CP A) ». */
  relation: string;
  login: string;
  /** As the ENT console showed it; printed, never stored. */
  code: string;
  paragraphs: string[];
  steps: string[];
}

const style = (role: TextStyle['role'], size: number, leading = size * 1.38): TextStyle => ({ role, size, leading });
const page = { width: a4.width, height: a4.height, margin: { top: 52, bottom: 56, side: 60 } };

/**
 * One A4 letter: « Mot de passe oublié » with the renewal code the ENT console gave, the login,
 * and the console's steps (seed 004, « Réinitialiser un mot de passe perdu »).
 */
export async function renderRenewalLetter(letter: RenewalLetter, frame: SheetFrame, createdAt: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const writer = await PdfWriter.create();
  const type = writer.type;
  const flow = new PageFlow(writer, page);
  const { canvas, left, width } = flow;

  const school = type.fit(frame.schoolName || 'Établissement', 'sansBold', { maxWidth: width * 0.6, maxLines: 2, size: 15, minSize: 10 });
  canvas.fillColor(colors.ink).lines(school.lines, school.size, left, flow.y - school.size, school.size * 1.15);
  canvas.fillColor(colors.muted).text(type.shape(frame.placeDate, 'sans'), 10, left + width, flow.y - 12, 'right');
  flow.space(school.size * 1.15 * school.lines.length + 6);
  canvas.fillColor(colors.accent).text(type.shape(`Espace numérique de travail ${frame.entName}`, 'sans'), 10, left, flow.y - 10);
  flow.space(24);
  canvas.strokeColor(colors.rule).line(left, flow.y, left + width, flow.y, 0.6);
  flow.space(22);

  const column = left + width * 0.5;
  canvas.fillColor(colors.muted).text(type.shape('À l’attention de', 'sans'), 9, column, flow.y - 9);
  flow.space(14);
  const name = type.fit(letter.displayName, 'sansBold', { maxWidth: width * 0.5, maxLines: 2, size: 15, minSize: 9, whole: true });
  canvas.fillColor(colors.ink).lines(name.lines, name.size, column, flow.y - name.size, name.size * 1.2);
  flow.space(name.size * 1.2 * name.lines.length + 4);
  const relation = type.fit(letter.relation, 'sans', { maxWidth: width * 0.5, maxLines: 3, size: 10, minSize: 7 });
  canvas.fillColor(colors.muted).lines(relation.lines, relation.size, column, flow.y - relation.size, relation.size * 1.3);
  flow.space(relation.size * 1.3 * relation.lines.length + 26);

  flow.paragraph('Objet : mot de passe oublié — code de renouvellement', style('sansBold', 12));
  flow.space(12);
  for (const text of letter.paragraphs) {
    flow.paragraph(text, style('sans', 11, 15.5));
    flow.space(7);
  }
  flow.space(10);

  const panelHeight = 130;
  flow.ensure(panelHeight);
  const top = flow.y;
  canvas.fillColor(colors.panel).strokeColor(colors.accent).raw('0.8 w').roundedRect(left, top - panelHeight, width, panelHeight, 7, 'B');
  const pad = 20;
  canvas.fillColor(colors.accent).text(type.shape('Votre code de renouvellement', 'sansBold'), 9.5, left + pad, top - 20);
  // The address may take a second line: the room down to « Identifiant » holds it.
  const addressLabel = 'Adresse de connexion : ';
  const address = fitCredential(type, frame.displayUrl, 'sans', { maxWidth: width - 2 * pad, sizes: [9, 9], label: type.shape(addressLabel, 'sans').width });
  canvas.fillColor(colors.muted).text(type.shape(addressLabel, 'sans'), address.size, left + pad, top - 40);
  address.lines.forEach((line, index) =>
    canvas.text(line, address.size, left + pad + (index === 0 ? (type.shape(addressLabel, 'sans').width * address.size) / 1000 : 0), top - 40 - index * address.size * 1.15),
  );
  const labels: [string, number][] = [
    ['Identifiant', top - 62],
    ['Code de renouvellement (à saisir à la place du mot de passe, une seule fois)', top - 100],
  ];
  for (const [label, y] of labels) canvas.fillColor(colors.muted).text(type.shape(label, 'sans'), 9, left + pad, y);
  // One line each: 435 pt hold a 64-character alias at 11 pt.
  const mono = { maxWidth: width - 2 * pad, sizes: [17] };
  const login = fitCredential(type, letter.login, 'mono', mono);
  const code = fitCredential(type, letter.code, 'mono', mono);
  canvas.fillColor(colors.ink).lines(login.lines, login.size, left + pad, top - 80, login.size);
  canvas.lines(code.lines, code.size, left + pad, top - 120, code.size);
  flow.space(panelHeight + 22);

  flow.paragraph('Mot de passe oublié : comment faire', style('sansBold', 12, 16));
  flow.space(8);
  const step = style('sans', 11, 15);
  letter.steps.forEach((text, index) => {
    flow.ensure(step.size * 1.2);
    flow.canvas.fillColor(colors.accent).text(type.shape(`${index + 1}.`, 'sansBold'), 11, left, flow.y - 11);
    flow.paragraph(text, step, colors.ink, 22);
    flow.space(6);
  });
  flow.space(16);
  flow.paragraph(frame.signature, style('sans', 11), colors.ink, width * 0.5);

  flow.canvas.strokeColor(colors.rule).line(left, page.margin.bottom - 10, left + width, page.margin.bottom - 10, 0.5);
  flow.canvas
    .fillColor(colors.faint)
    .text(type.shape('Document personnel : ne communiquez jamais votre code ni votre mot de passe.', 'sans'), 8, left, page.margin.bottom - 24);
  const pages = flow.end();
  const bytes = await writer.finish({
    title: `Code de renouvellement ${frame.entName} — ${letter.displayName}`,
    author: frame.schoolName,
    subject: 'Mot de passe oublié : code de renouvellement',
    createdAt,
  });
  return { bytes, pages };
}
