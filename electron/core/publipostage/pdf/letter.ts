import type { Sheet, TextBlock } from '../sheet-model.ts';
import { gap, paragraph, recurring, reusable, spaced, stack, type Block } from './blocks.ts';
import { Canvas, colors, num } from './canvas.ts';
import { fitCredential, type FittedCredential } from './credential.ts';
import { cachedForm, firstBaseline, noteShrunk, type RenderKit, type TextStyle } from './kit.ts';

/**
 * The connection letter, on a whole A4 page (1 per page) or on an A5 half (2 per page): the
 * same design at two scales. Header, panel frame, labels, QR code, steps and every paragraph
 * without a personal placeholder are forms drawn once; per sheet only the recipient, the
 * login, the code and the personal paragraphs are set.
 */
export interface LetterMetrics {
  /** A key for the forms of this scale. */
  name: string;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Size factor against the A4 letter. */
  k: number;
}

export const a4Letter: LetterMetrics = {
  name: 'a4',
  width: 595.28,
  height: 841.89,
  margin: { top: 48, right: 56, bottom: 40, left: 56 },
  k: 1.1,
};

export const a5Letter: LetterMetrics = {
  name: 'a5',
  width: 420.94,
  height: 595.28,
  margin: { top: 30, right: 32, bottom: 24, left: 32 },
  k: 0.84,
};

const style = (role: TextStyle['role'], size: number, leading = size * 1.38): TextStyle => ({ role, size, leading });

function contentWidth(m: LetterMetrics): number {
  return m.width - m.margin.left - m.margin.right;
}

/** Where the recipient and the signature column start, from the left margin. */
function rightColumn(m: LetterMetrics): number {
  return contentWidth(m) * 0.53;
}

function headerHeight(m: LetterMetrics): number {
  return 86 * m.k;
}

/** School, ENT, place and date, the rule, « À l'attention de »: the same on every sheet. */
function header(kit: RenderKit, m: LetterMetrics): Block {
  const width = contentWidth(m);
  const height = headerHeight(m);
  const k = m.k;
  const form = cachedForm(kit, `letter-header|${m.name}`, width, height, (canvas) => {
    const type = kit.writer.type;
    const top = height;
    let textX = 0;
    if (kit.logo) {
      const box = 54 * k;
      const scale = Math.min(box / kit.logo.width, box / kit.logo.height);
      const w = kit.logo.width * scale;
      const h = kit.logo.height * scale;
      canvas.place(kit.logo.resourceName, 0, top - h, w, h);
      textX = w + 12 * k;
    }
    const date = type.shape(kit.frame.placeDate, 'sans');
    const dateSize = 9.5 * k;
    const nameWidth = width - textX - (date.width * dateSize) / 1000 - 20 * k;
    const name = type.fit(kit.frame.schoolName || 'Établissement', 'sansBold', { maxWidth: nameWidth, maxLines: 2, size: 15 * k, minSize: 10 * k });
    canvas.fillColor(colors.ink).lines(name.lines, name.size, textX, top - name.size * 0.95, name.size * 1.15);
    const afterName = top - name.size * 0.95 - (name.lines.length - 1) * name.size * 1.15;
    const ent = type.shape(`Espace numérique de travail ${kit.frame.entName}`, 'sans');
    canvas.fillColor(colors.accent).text(ent, 9.5 * k, textX, afterName - 15 * k);
    canvas.fillColor(colors.muted).text(date, dateSize, width, top - 15 * k * 0.95, 'right');
    const ruleY = top - 56 * k;
    canvas.strokeColor(colors.rule).line(0, ruleY, width, ruleY, 0.6);
    canvas.fillColor(colors.muted).text(type.shape('À l’attention de', 'sans'), 8.5 * k, rightColumn(m), 6 * k);
  });
  return { height, draw: (canvas, x, top) => canvas.place(form.resourceName, x, top - height) };
}

function recipientLine(sheet: Sheet): string {
  if (sheet.audience === 'parent') return sheet.relation ?? sheet.profileLabel;
  return sheet.relation ? `${sheet.profileLabel} · ${sheet.relation}` : sheet.profileLabel;
}

function recipient(kit: RenderKit, sheet: Sheet, m: LetterMetrics): Block {
  const type = kit.writer.type;
  const k = m.k;
  const x0 = rightColumn(m);
  const width = contentWidth(m) - x0;
  const name = type.fit(sheet.displayName, 'sansBold', { maxWidth: width, maxLines: 2, size: 14 * k, minSize: 9 * k, whole: true });
  const relation = type.fit(recipientLine(sheet), 'sans', { maxWidth: width, maxLines: 3, size: 9.5 * k, minSize: 7 * k, whole: true });
  const nameLeading = name.size * 1.2;
  const relationLeading = relation.size * 1.3;
  const nameHeight = name.size * 1.15 + (name.lines.length - 1) * nameLeading;
  const height = 6 * k + nameHeight + 4 * k + relation.size * 1.2 + (relation.lines.length - 1) * relationLeading;
  return {
    height,
    draw: (canvas, x, top) => {
      const nameTop = top - 6 * k;
      canvas.fillColor(colors.ink).lines(name.lines, name.size, x + x0, nameTop - name.size * 0.95, nameLeading);
      const relationTop = nameTop - nameHeight - 4 * k;
      canvas.fillColor(colors.muted).lines(relation.lines, relation.size, x + x0, relationTop - relation.size * 0.95, relationLeading);
    },
  };
}

function subjectLine(kit: RenderKit, sheet: Sheet, m: LetterMetrics, s: number): Block {
  const size = 10.5 * m.k * s;
  const width = contentWidth(m);
  const key = `subject|${m.name}|${s}|${sheet.subject.text}`;
  return (sheet.subject.shared ? reusable : recurring)(kit, key, width, () => {
    const label = kit.writer.type.shape('Objet :', 'sansBold');
    const indent = (label.width * size) / 1000 + 4;
    const text = style('sans', size, size * 1.3);
    const body = paragraph(kit, sheet.subject.text, text, width - indent);
    return {
      height: body.height,
      draw: (canvas, x, top) => {
        canvas.fillColor(colors.ink).text(label, size, x, firstBaseline(top, text));
        body.draw(canvas, x + indent, top);
      },
    };
  });
}

function paragraphs(kit: RenderKit, blocks: TextBlock[], m: LetterMetrics, s: number): Block {
  const body = style('sans', 10.2 * m.k * s, 14.2 * m.k * s);
  const width = contentWidth(m);
  return spaced(
    blocks.map((block) =>
      (block.shared ? reusable : recurring)(kit, `p|${m.name}|${s}|${block.text}`, width, () => paragraph(kit, block.text, body, width)),
    ),
    6 * m.k * s,
  );
}

const panelHeading = { notActivated: 'Vos informations de connexion', activated: 'Votre identifiant' } as const;

/** Between baselines of a login or an address broken on several lines. */
const valueLeading = 1.15;

/** The credentials panel's geometry: its value column, and the room for the address and the login on one, two or three lines. */
function panelMetrics(m: LetterMetrics) {
  const k = m.k;
  const pad = 18 * k;
  const qrSize = 86 * k;
  return {
    pad,
    qrSize,
    valueWidth: contentWidth(m) - pad * 2 - qrSize - 16 * k,
    urlSizes: [12 * k, 10 * k, 8.5 * k],
    loginSizes: [16 * k, 12 * k, 10 * k],
  };
}

/** How much lower everything under a value goes when it takes `lines` lines. */
function extraRoom(sizes: readonly number[], lines: number): number {
  return (lines - 1) * valueLeading * (sizes[Math.min(lines, sizes.length) - 1] as number);
}

/** The ENT address, fitted once per document: the same on every letter. */
const addresses = new WeakMap<RenderKit, Map<string, FittedCredential>>();

function fittedAddress(kit: RenderKit, m: LetterMetrics): FittedCredential {
  let byScale = addresses.get(kit);
  if (!byScale) addresses.set(kit, (byScale = new Map()));
  let url = byScale.get(m.name);
  if (!url) {
    const metrics = panelMetrics(m);
    url = fitCredential(kit.writer.type, kit.frame.displayUrl || 'adresse à indiquer dans Paramètres', 'sansBold', {
      maxWidth: metrics.valueWidth,
      sizes: metrics.urlSizes,
    });
    if (url.shrunk) kit.shrunk.url = true;
    byScale.set(m.name, url);
  }
  return url;
}

/** The frame, labels, address and QR code of the credentials panel: one form per account state and login height. */
function panelFrame(kit: RenderKit, state: Sheet['state'], m: LetterMetrics, loginLines: number): Block {
  const width = contentWidth(m);
  const k = m.k;
  const { pad, qrSize, loginSizes, urlSizes } = panelMetrics(m);
  const url = fittedAddress(kit, m);
  const urlExtra = extraRoom(urlSizes, url.lines.length);
  const loginExtra = extraRoom(loginSizes, loginLines);
  const height = 124 * k + urlExtra + loginExtra;
  return reusable(kit, `panel|${m.name}|${state}|${loginLines}`, width, () => ({
    height,
    draw: (canvas) => {
      const type = kit.writer.type;
      canvas.fillColor(colors.panel).strokeColor(colors.accent).raw('0.8 w').roundedRect(0, 0, width, height, 7 * k, 'B');
      const labelSize = 8 * k;
      canvas.fillColor(colors.accent).text(type.shape(panelHeading[state], 'sansBold'), 8.5 * k, pad, height - 17 * k);
      const rows = [
        ['Adresse de connexion', height - 36 * k],
        ['Identifiant', height - 68 * k - urlExtra],
        [state === 'notActivated' ? 'Code d’activation (à saisir à la place du mot de passe)' : 'Mot de passe', height - 100 * k - urlExtra - loginExtra],
      ] as const;
      for (const [label, y] of rows) canvas.fillColor(colors.muted).text(type.shape(label, 'sans'), labelSize, pad, y);
      canvas.fillColor(colors.ink).lines(url.lines, url.size, pad, height - 51 * k, url.size * valueLeading);
      if (state === 'activated') {
        canvas.fillColor(colors.ink).text(type.shape('Votre compte est déjà activé', 'sansBold'), 11.5 * k, pad, 9 * k);
      }
      if (kit.qr) {
        const qrX = width - pad - qrSize;
        const qrY = height - 13 * k - qrSize;
        canvas.fillColor(colors.white).roundedRect(qrX - 5 * k, qrY - 5 * k, qrSize + 10 * k, qrSize + 10 * k, 4 * k, 'f');
        canvas.place(kit.qr.resourceName, qrX, qrY, qrSize / kit.qr.modules);
        canvas.fillColor(colors.muted).text(type.shape('Scannez pour ouvrir l’ENT', 'sans'), 7 * k, qrX + qrSize / 2, qrY - 16 * k, 'center');
      }
    },
  }));
}

function credentials(kit: RenderKit, sheet: Sheet, m: LetterMetrics): Block {
  const type = kit.writer.type;
  const k = m.k;
  const { pad, valueWidth, loginSizes, urlSizes } = panelMetrics(m);
  const login = fitCredential(type, sheet.login, 'mono', { maxWidth: valueWidth, sizes: loginSizes });
  const code = sheet.activationCode ? fitCredential(type, sheet.activationCode, 'mono', { maxWidth: valueWidth, sizes: [16 * k] }) : null;
  noteShrunk(kit, sheet, login, code);
  const loginLines = Math.min(login.lines.length, loginSizes.length);
  const frame = panelFrame(kit, sheet.state, m, loginLines);
  const urlExtra = extraRoom(urlSizes, fittedAddress(kit, m).lines.length);
  const loginExtra = extraRoom(loginSizes, loginLines);
  return {
    height: frame.height,
    draw: (canvas, x, top) => {
      frame.draw(canvas, x, top);
      canvas.fillColor(colors.ink).lines(login.lines, login.size, x + pad, top - 84 * k - urlExtra, login.size * valueLeading);
      if (code) canvas.lines(code.lines, code.size, x + pad, top - 116 * k - urlExtra - loginExtra, code.size * valueLeading);
    },
  };
}

const stepsHeading = { notActivated: 'Première connexion', activated: 'Mot de passe oublié ?' } as const;

function steps(kit: RenderKit, sheet: Sheet, m: LetterMetrics, s: number): Block {
  if (sheet.steps.length === 0) return gap(0);
  const k = m.k * s;
  const width = contentWidth(m);
  const shared = sheet.steps.every((step) => step.shared);
  const key = `steps|${m.name}|${s}|${sheet.state}|${sheet.steps.map((step) => step.text).join('\n')}`;
  return (shared ? reusable : recurring)(kit, key, width, () => {
    const type = kit.writer.type;
    const text = style('sans', 10.2 * k, 13.6 * k);
    const indent = 24 * k;
    const heading = type.shape(stepsHeading[sheet.state], 'sansBold');
    const items = sheet.steps.map((step) => paragraph(kit, step.text, text, width - indent));
    const list = spaced(items, 5 * k);
    const headingHeight = 20 * k;
    return {
      height: headingHeight + list.height,
      draw: (canvas, x, top) => {
        canvas.fillColor(colors.accent).text(heading, 11 * k, x, top - 11 * k);
        let y = top - headingHeight;
        items.forEach((item, index) => {
          const cy = firstBaseline(y, text) + text.size * 0.33;
          canvas.strokeColor(colors.accent).raw(`${(0.9 * k).toFixed(2)} w`).circle(x + 7.5 * k, cy, 7.5 * k, 'S');
          canvas.fillColor(colors.accent).text(type.shape(String(index + 1), 'sansBold'), 8.5 * k, x + 7.5 * k, cy - 3 * k, 'center');
          item.draw(canvas, x + indent, y);
          y -= item.height + 5 * k;
        });
      },
    };
  });
}

function signature(kit: RenderKit, m: LetterMetrics): Block {
  const x0 = rightColumn(m);
  const width = contentWidth(m) - x0;
  return reusable(kit, `signature|${m.name}`, contentWidth(m), () => {
    const text = paragraph(kit, kit.frame.signature, style('sans', 10.2 * m.k), width);
    return { height: text.height + 34 * m.k, draw: (canvas, x, top) => text.draw(canvas, x + x0, top) };
  });
}

function footer(kit: RenderKit, m: LetterMetrics): string {
  const width = contentWidth(m);
  return cachedForm(kit, `letter-footer|${m.name}`, width, 20 * m.k, (canvas) => {
    const type = kit.writer.type;
    canvas.strokeColor(colors.rule).line(0, 14 * m.k, width, 14 * m.k, 0.5);
    const note = type.fit('Document personnel : ne communiquez jamais votre code ni votre mot de passe.', 'sans', {
      maxWidth: width - 90 * m.k,
      maxLines: 1,
      size: 7.2 * m.k,
      minSize: 5,
    });
    canvas.fillColor(colors.faint).lines(note.lines, note.size, 0, 2 * m.k, note.size);
  }).resourceName;
}

/** The body of the letter between the recipient and the signature, at font scale s. */
function flow(kit: RenderKit, sheet: Sheet, m: LetterMetrics, s: number): Block {
  const k = m.k;
  return stack([
    subjectLine(kit, sheet, m, s),
    gap(14 * k * s),
    paragraphs(kit, sheet.body, m, s),
    gap(16 * k * s),
    credentials(kit, sheet, m),
    gap(18 * k * s),
    steps(kit, sheet, m, s),
    gap(sheet.closing.length ? 14 * k * s : 0),
    paragraphs(kit, sheet.closing, m, s),
    gap(20 * k * s),
    signature(kit, m),
  ]);
}

/**
 * Draws one letter whose page (or half page) has its bottom-left corner at (x0, y0). Every form
 * placement of the letter (header, paragraphs, panel, steps, signature, footer) goes into one
 * « skeleton » form, the same for all letters whose personal blocks take the same room; the page
 * itself then holds one placement and the personal text only.
 */
export function drawLetter(kit: RenderKit, canvas: Canvas, sheet: Sheet, m: LetterMetrics, x0: number, y0: number): void {
  const split = new SplitCanvas();
  const left = m.margin.left;
  const top = m.height - m.margin.top;
  const head = header(kit, m);
  const to = recipient(kit, sheet, m);
  const available = m.height - m.margin.top - m.margin.bottom - head.height - to.height - 22 * m.k - 24 * m.k;
  // Long custom texts shrink step by step rather than ever leaving the page.
  let body = flow(kit, sheet, m, 1);
  for (const s of [0.93, 0.86, 0.8, 0.74, 0.68, 0.62]) {
    if (body.height <= available) break;
    body = flow(kit, sheet, m, s);
  }
  head.draw(split, left, top);
  to.draw(split, left, top - head.height);
  body.draw(split, left, top - head.height - to.height - 22 * m.k);
  split.place(footer(kit, m), left, m.margin.bottom);
  if (sheet.filingClass) {
    const tag = kit.writer.type.shape(sheet.filingClass, 'sans');
    split.fillColor(colors.faint).text(tag, 7.2 * m.k, left + contentWidth(m), m.margin.bottom + 2 * m.k, 'right');
  }
  const skeleton = split.skeleton.toString();
  const form = cachedForm(kit, `skeleton|${m.name}|${skeleton}`, m.width, m.height, (drawing) => drawing.raw(skeleton));
  canvas.place(form.resourceName, x0, y0);
  canvas.raw(`q 1 0 0 1 ${num(x0)} ${num(y0)} cm`).raw(split.toString()).raw('Q');
}

/** A canvas that sets form placements aside (the skeleton) and keeps everything else. */
class SplitCanvas extends Canvas {
  readonly skeleton = new Canvas();

  override place(resourceName: string, x: number, y: number, scaleX = 1, scaleY = scaleX): this {
    this.skeleton.place(resourceName, x, y, scaleX, scaleY);
    return this;
  }
}
