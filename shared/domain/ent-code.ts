/**
 * A password-renewal code as the ENT console shows it (« Générer un code de renouvellement de
 * mot de passe », seed 004): Sésame never makes one up, the director types it. ENT Core's codes
 * are 8 characters of this alphabet (FORMATS.md §Logins and codes), without the look-alikes.
 */
export const entCodeAlphabet = 'abcdefghjkmnprstvwxyz3456789';
export const entCodeLength = 8;

/** Characters an ENT code never holds: the ones people mistake for others. */
const lookAlikes = '0 1 2 i l o q u';

export type CheckedRenewalCode = { ok: true; code: string } | { ok: false; message: string };

/**
 * Tolerant of what a console shows or a hand copies: spaces anywhere, dashes between groups,
 * capitals. Refuses, in French, a code the ENT cannot have given.
 */
export function checkRenewalCode(typed: string): CheckedRenewalCode {
  const code = typed.normalize('NFKC').replace(/[\s\-–—.]/g, '').toLowerCase();
  if (code === '') return { ok: false, message: 'Saisissez le code de renouvellement affiché par la console de l’ENT.' };
  const foreign = [...new Set([...code].filter((char) => !entCodeAlphabet.includes(char)))];
  if (foreign.length > 0) {
    const listed = foreign.map((char) => `« ${char} »`).join(', ');
    return {
      ok: false,
      message:
        `${foreign.length > 1 ? 'Les caractères' : 'Le caractère'} ${listed} ${foreign.length > 1 ? 'n’apparaissent' : 'n’apparaît'} jamais dans un code de l’ENT ` +
        `(ni accents, ni ${lookAlikes}, qu’on confond avec d’autres) : recopiez le code tel que la console l’affiche.`,
    };
  }
  if (code.length !== entCodeLength) {
    return {
      ok: false,
      message: `Un code de l’ENT compte ${entCodeLength} caractères ; celui-ci en a ${code.length}. Vérifiez qu’il est recopié en entier.`,
    };
  }
  return { ok: true, code };
}
