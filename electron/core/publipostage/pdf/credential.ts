import type { FontRole } from './fonts.ts';
import { lastSafeBreak, type Fitted, type Shaped, type Typesetter } from './text.ts';

/**
 * Logins, codes and ENT addresses are typed back letter by letter: one cut short with « … » makes
 * the sheet useless. They are set smaller, then broken after a separator on to a second line
 * (a third if needed), never elided, never below credentialMinSize.
 */

/**
 * The smallest size a login, a code or an address is ever printed at, on every layout: 7 pt is
 * about 1.8 mm for a capital (JetBrains Mono Bold, 0.73 em), what an office laser printer still
 * renders crisply and a reader in a class tells « l » from « 1 » at arm's length; below, toner
 * spread fills the counters of « a », « e », « 8 ». The A5 letter's scale (0.84) does not apply.
 */
export const credentialMinSize = 7;

/** A value set below this share of its box's size, or broken, is reported (PdfResult.shrunk). */
const noticeableShrink = 0.85;

/** A value shrunk below this share of its size goes on to two lines rather than on shrinking. */
const breakBelow = 0.7;

export interface CredentialBox {
  maxWidth: number;
  /** The largest size on one line, on two, on three…: the room the layout keeps for each. */
  sizes: readonly number[];
  /** Width, in thousandths of the size, of a label set before the value on its first line (« Connexion : »). */
  label?: number;
}

export interface FittedCredential extends Fitted {
  /** Set noticeably smaller than its box's size, or broken: the preview says so. */
  shrunk: boolean;
}

/**
 * The value's lines at `size`: each line as long as fits, ended after the last separator that
 * fits (`safe`) or, without one, between two characters.
 */
function breakLines(type: Typesetter, value: string, role: FontRole, size: number, box: CredentialBox, safe: boolean): Shaped[] {
  const chars = [...value];
  const lines: Shaped[] = [];
  let start = 0;
  while (start < chars.length) {
    const limit = (box.maxWidth * 1000) / size - (lines.length === 0 ? (box.label ?? 0) : 0);
    // The longest run from `start` that fits (at least one character, whatever the width).
    let low = start + 1;
    let high = chars.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (type.shape(chars.slice(start, middle).join(''), role).width <= limit) low = middle;
      else high = middle - 1;
    }
    let end = low;
    if (safe && end < chars.length) {
      const after = lastSafeBreak(chars, start + 1, end);
      if (after > 0) end = after;
    }
    lines.push(type.shape(chars.slice(start, end).join(''), role));
    start = end;
  }
  return lines;
}

/** The largest size, from `largest` down to the minimum by quarter points, at which the value holds on `count` lines. */
function onLines(type: Typesetter, value: string, role: FontRole, box: CredentialBox, count: number, safe: boolean): Fitted | null {
  for (let size = box.sizes[count - 1] as number; size >= credentialMinSize; size -= 0.25) {
    const lines = breakLines(type, value, role, size, box, safe);
    if (lines.length <= count) return { size, lines };
  }
  return null;
}

/**
 * The value in its box: on one line while it stays large enough, else broken after separators
 * on as few lines as the box has room for, else broken anywhere; past the room the layout
 * keeps, more lines at the minimum size (never met with ENT values: 64-character aliases,
 * 100-character addresses; the tests print them on every layout).
 */
export function fitCredential(type: Typesetter, value: string, role: FontRole, box: CredentialBox): FittedCredential {
  const size = box.sizes[0] as number;
  const shaped = type.shape(value, role);
  const oneLine = Math.min(size, Math.floor(((box.maxWidth * 1000) / Math.max(shaped.width + (box.label ?? 0), 1)) * 100) / 100);
  const result = (fitted: Fitted): FittedCredential => ({ ...fitted, shrunk: fitted.lines.length > 1 || fitted.size < size * noticeableShrink });
  if (oneLine >= Math.max(credentialMinSize, size * breakBelow)) return result({ size: oneLine, lines: [shaped] });
  for (let count = 2; count <= box.sizes.length; count++) {
    const fitted = onLines(type, value, role, box, count, true);
    if (fitted) return result(fitted);
  }
  if (oneLine >= credentialMinSize) return result({ size: oneLine, lines: [shaped] });
  for (let count = 2; count <= box.sizes.length; count++) {
    const fitted = onLines(type, value, role, box, count, false);
    if (fitted) return result(fitted);
  }
  return result({ size: credentialMinSize, lines: breakLines(type, value, role, credentialMinSize, box, false) });
}
