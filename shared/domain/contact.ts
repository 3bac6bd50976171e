/**
 * Validation of what the director types on a user sheet. Shared so the sheet can say what is
 * wrong while typing; the core checks again before writing.
 */
export type Checked = { ok: true; value: string | null } | { ok: false; message: string };

const emailPattern = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[a-z]{2,}$/i;

/** An e-mail address, trimmed; empty means « no address ». */
export function checkEmail(input: string): Checked {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  if (value.length > 254 || !emailPattern.test(value) || value.includes('..')) {
    return { ok: false, message: `« ${value.slice(0, 80)} » n’est pas une adresse de courriel valide (exemple : prenom.nom@exemple.fr).` };
  }
  return { ok: true, value };
}

/**
 * A phone number: French numbers are stored in their 10-digit national form (« 0612345678 »,
 * as the ENT exports them), others as + and 8 to 15 digits.
 */
export function checkPhone(input: string): Checked {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  // « +33 (0)6 … » is common: the national 0 after +33 is dropped.
  const compact = value.replace(/[\s.\-/()]/g, '').replace(/^(\+33|0033)0/, '$1');
  const french = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(compact);
  if (french) return { ok: true, value: `0${french[1]}` };
  const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(compact);
  if (international && !/^(\+|00)33/.test(compact)) return { ok: true, value: `+${international[1]}` };
  return { ok: false, message: `« ${value.slice(0, 40)} » n’est pas un numéro de téléphone valide (exemple : 06 12 34 56 78 ou +33 6 12 34 56 78).` };
}

export const aliasMaxLength = 64;

/** A custom login (alias): lower-case letters, digits and dots, as the ENT requires (FORMATS.md). */
export function checkAlias(input: string): Checked {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  if (value.length > aliasMaxLength) return { ok: false, message: `L’identifiant personnalisé (alias) compte au plus ${aliasMaxLength} caractères.` };
  if (!/^[0-9a-z.]+$/.test(value)) {
    return { ok: false, message: 'L’identifiant personnalisé (alias) ne peut contenir que des lettres minuscules sans accent, des chiffres et des points.' };
  }
  return { ok: true, value };
}
