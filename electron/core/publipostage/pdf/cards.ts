import type { Sheet } from '../sheet-model.ts';
import { colors, type Canvas } from './canvas.ts';
import { fitCredential, type FittedCredential } from './credential.ts';
import { a4, cachedForm, noteShrunk, type RenderKit } from './kit.ts';

/**
 * Eight cards on an A4 page, 2 × 4, cut along dashed lines: the consoles' « 8 par page ».
 * Every card keeps 16 pt inside its edges (printers do not print the last 4–5 mm of a sheet)
 * and every personal text is fitted to its box: it shrinks, then wraps. A login or the address
 * is never cut (credential.ts): the panel makes room for a login on two or three lines. Nothing
 * ever crosses a cut line.
 */
export const card = { width: a4.width / 2, height: a4.height / 4, pad: 16 } as const;

const panel = { x: 11, y: 52, height: 72 } as const;
const panelTop = panel.y + panel.height;
const qrSize = 56;
/** Width left of the QR code for the login and the code. */
const valueWidth = card.width - card.pad - 4 - panel.x - qrSize - 14;

/**
 * The panel's rows, down from its top, for a login on one, two or three lines: its largest size
 * on that many lines, its first baseline, then the code's label, size and baseline. One line
 * keeps the common card; more push the code down to the panel's foot.
 */
const loginSlots = [
  { size: 12.5, baseline: 25, codeLabel: 38, codeSize: 14, codeBaseline: 62 },
  { size: 10, baseline: 22.5, codeLabel: 46, codeSize: 13, codeBaseline: 64.5 },
  { size: 8, baseline: 20.5, codeLabel: 49.5, codeSize: 12, codeBaseline: 65.5 },
] as const;
type LoginSlot = (typeof loginSlots)[number];
const loginLeading = 1.15;

/** Bottom-left corner of slot 0–7, filled row by row from the top left. */
export function cardOrigin(slot: number): [number, number] {
  const column = slot % 2;
  const row = Math.floor(slot / 2);
  return [column * card.width, a4.height - (row + 1) * card.height];
}

export function cutLines(kit: RenderKit): string {
  return cachedForm(kit, 'cut-lines', a4.width, a4.height, (canvas) => {
    canvas.strokeColor(colors.faint);
    canvas.line(card.width, 0, card.width, a4.height, 0.5, [3, 2.5]);
    for (let row = 1; row < 4; row++) canvas.line(0, row * card.height, a4.width, row * card.height, 0.5, [3, 2.5]);
    for (let row = 1; row < 4; row++) scissors(canvas, 7, row * card.height);
  }).resourceName;
}

/** A small pair of scissors on a cut line, drawn with paths (no font has ✂ here). */
function scissors(canvas: Canvas, x: number, y: number): void {
  canvas.raw('q 1 1 1 rg').rect(x - 3, y - 4, 12, 8, 'f').raw('Q');
  canvas.strokeColor(colors.muted).raw('0.6 w');
  canvas.circle(x, y + 2.1, 1.6, 'S').circle(x, y - 2.1, 1.6, 'S');
  canvas.raw(`${x + 1.3} ${y + 1.2} m ${x + 8} ${y - 1.4} l S ${x + 1.3} ${y - 1.2} m ${x + 8} ${y + 1.4} l S`);
}

const stateLabels = {
  notActivated: 'Code d’activation',
  activated: 'Mot de passe',
} as const;

/** The address line under the panel, the same on every card of the document, and where the note starts. */
interface CardFoot {
  url: FittedCredential;
  label: string;
  urlBaseline: number;
  noteBaseline: number;
  noteSize: number;
}

const feet = new WeakMap<RenderKit, CardFoot>();

function cardFoot(kit: RenderKit): CardFoot {
  let foot = feet.get(kit);
  if (!foot) {
    const type = kit.writer.type;
    const label = 'Connexion : ';
    const url = fitCredential(type, kit.frame.displayUrl || 'adresse à indiquer dans Paramètres', 'sansBold', {
      maxWidth: card.width - card.pad * 2,
      sizes: [8.2, 8.2],
      label: type.shape(label, 'sansBold').width,
    });
    if (url.shrunk) kit.shrunk.url = true;
    // On two lines, the address starts right under the panel and the note below it is set smaller.
    const urlBaseline = url.lines.length === 1 ? panel.y - 13 : panel.y - 3 - url.size * 0.75;
    const last = urlBaseline - (url.lines.length - 1) * url.size * loginLeading;
    const noteSize = url.lines.length === 1 ? 7 : 6.5;
    const noteBaseline = url.lines.length === 1 ? panel.y - 24 : last - url.size * 0.25 - 2.5 - noteSize * 0.75;
    foot = { url, label, urlBaseline, noteBaseline, noteSize };
    feet.set(kit, foot);
  }
  return foot;
}

/** Everything a card of this state, audience and login height shares: panel, labels, address, QR, note. */
function cardBackground(kit: RenderKit, sheet: Sheet, slot: LoginSlot, slotIndex: number): string {
  const noteKey = sheet.card.shared ? sheet.card.text : '';
  return cachedForm(kit, `card|${sheet.state}|${slotIndex}|${noteKey}`, card.width, card.height, (canvas) => {
    const type = kit.writer.type;
    const { pad } = card;
    const top = card.height - pad;
    const ent = type.fit(`${kit.frame.entName} · ${kit.frame.schoolName}`, 'sans', {
      maxWidth: card.width - pad * 2 - 62,
      maxLines: 1,
      size: 7.2,
      minSize: 5,
    });
    canvas.fillColor(colors.accent).lines(ent.lines, ent.size, pad, top - 6, ent.size);
    canvas.fillColor(colors.panel).roundedRect(panel.x, panel.y, card.width - 2 * panel.x, panel.height, 5, 'f');
    const labelX = panel.x + 9;
    canvas.fillColor(colors.muted).text(type.shape('Identifiant', 'sans'), 6.8, labelX, panelTop - 11);
    canvas.text(type.shape(stateLabels[sheet.state], 'sans'), 6.8, labelX, panelTop - slot.codeLabel);
    if (sheet.state === 'activated') {
      canvas.fillColor(colors.ink).text(type.shape('Votre compte est déjà activé', 'sansBold'), 9.5, labelX, panel.y + 9);
    }
    if (kit.qr) {
      const qrX = card.width - panel.x - 7 - qrSize;
      const qrY = panel.y + (panel.height - qrSize) / 2;
      canvas.fillColor(colors.white).rect(qrX - 3, qrY - 3, qrSize + 6, qrSize + 6, 'f');
      canvas.place(kit.qr.resourceName, qrX, qrY, qrSize / kit.qr.modules);
    }
    const foot = cardFoot(kit);
    const { url } = foot;
    canvas.fillColor(colors.ink).text(type.shape(foot.label, 'sansBold'), url.size, pad, foot.urlBaseline);
    const labelWidth = (type.shape(foot.label, 'sansBold').width * url.size) / 1000;
    url.lines.forEach((line, index) =>
      canvas.text(line, url.size, pad + (index === 0 ? labelWidth : 0), foot.urlBaseline - index * url.size * loginLeading),
    );
    if (sheet.card.shared) drawNote(kit, canvas, sheet.card.text);
  }).resourceName;
}

function drawNote(kit: RenderKit, canvas: Canvas, text: string, x = 0, y = 0): void {
  const { noteBaseline, noteSize } = cardFoot(kit);
  const box = { maxWidth: card.width - card.pad * 2, maxLines: 2, size: noteSize, minSize: 5, shrinkBeforeWrap: 1 };
  let note = kit.writer.type.fit(text, 'sans', box);
  const url = kit.frame.displayUrl;
  if (url && text.includes(url) && note.lines.at(-1)?.text.endsWith('…')) {
    // A long address already printed whole just above: the note points at it rather than cut it.
    note = kit.writer.type.fit(text.replaceAll(url, 'l’adresse ci-dessus'), 'sans', box);
  }
  canvas.fillColor(colors.muted).lines(note.lines, note.size, x + card.pad, y + noteBaseline, note.size * 1.22);
}

/** The profile tag in the top right corner, one form per profile. */
function profileTag(kit: RenderKit, label: string): { resourceName: string; width: number } {
  const type = kit.writer.type;
  const text = type.shape(label.toLocaleUpperCase('fr'), 'sansBold');
  const size = 6.4;
  const width = (text.width * size) / 1000 + 10;
  const form = cachedForm(kit, `tag|${label}`, width, 12, (canvas) => {
    canvas.strokeColor(colors.accent).raw('0.6 w').roundedRect(0, 0, width, 12, 6, 'S');
    canvas.fillColor(colors.accent).text(text, size, width / 2, 3.9, 'center');
  });
  return { resourceName: form.resourceName, width };
}

/** The login on as few lines as keep it large, and the slot of the panel that holds that many. */
function fitLogin(kit: RenderKit, login: string): { login: FittedCredential; slot: LoginSlot; slotIndex: number } {
  const fitted = fitCredential(kit.writer.type, login, 'mono', { maxWidth: valueWidth, sizes: loginSlots.map((slot) => slot.size) });
  const slotIndex = Math.min(fitted.lines.length, loginSlots.length) - 1;
  return { login: fitted, slot: loginSlots[slotIndex] as LoginSlot, slotIndex };
}

export function drawCard(kit: RenderKit, canvas: Canvas, sheet: Sheet, x0: number, y0: number): void {
  const type = kit.writer.type;
  const { pad } = card;
  const { login, slot, slotIndex } = fitLogin(kit, sheet.login);
  canvas.place(cardBackground(kit, sheet, slot, slotIndex), x0, y0);
  const tag = profileTag(kit, sheet.profileLabel);
  canvas.place(tag.resourceName, x0 + card.width - pad - tag.width, y0 + card.height - pad - 9);

  const width = card.width - pad * 2;
  const name = type.fit(sheet.displayName, 'sansBold', { maxWidth: width, maxLines: 2, size: 15, minSize: 7, whole: true });
  const nameLeading = name.size * 1.14;
  let y = y0 + card.height - pad - 14 - name.size * 0.95;
  canvas.fillColor(colors.ink).lines(name.lines, name.size, x0 + pad, y, nameLeading);
  y -= (name.lines.length - 1) * nameLeading;
  if (sheet.relation) {
    // What is left between the name and the panel, for up to two lines.
    const room = y - name.size * 0.3 - (y0 + panelTop + 4);
    const size = Math.min(9, room / 2.3);
    const relation = type.fit(sheet.relation, 'sans', { maxWidth: width, maxLines: 2, size, minSize: Math.min(5.5, size) });
    canvas.fillColor(colors.muted).lines(relation.lines, relation.size, x0 + pad, y - name.size * 0.3 - relation.size * 1.05, relation.size * 1.18);
  }

  const valueX = x0 + panel.x + 9;
  canvas.fillColor(colors.ink).lines(login.lines, login.size, valueX, y0 + panelTop - slot.baseline, login.size * loginLeading);
  let code: FittedCredential | null = null;
  if (sheet.activationCode) {
    code = fitCredential(type, sheet.activationCode, 'mono', { maxWidth: valueWidth, sizes: [slot.codeSize] });
    canvas.lines(code.lines, code.size, valueX, y0 + panelTop - slot.codeBaseline, code.size * loginLeading);
  }
  noteShrunk(kit, sheet, login, code);
  if (!sheet.card.shared) drawNote(kit, canvas, sheet.card.text, x0, y0);
}
