/** A recovery key is 56 characters, printed as 14 groups of 4 (see electron/core/db/school-key.ts). */
export const recoveryKeyLength = 56;

/**
 * The characters of a typed recovery key that count, as the core reads them: spaces, dashes and
 * dots between groups are ignored. Only for the « n caractères sur 56 » hint; the core checks the key.
 */
export function recoveryKeyCharacters(typed: string): number {
  return typed.replace(/[\s\-–—_.]/g, '').length;
}

/** What the hint under the field says as the director types. */
export function recoveryKeyProgress(typed: string): string {
  const count = recoveryKeyCharacters(typed);
  if (count === 0) return `${recoveryKeyLength} caractères, en 14 groupes de 4 : espaces, tirets, majuscules ou minuscules, comme vous voulez.`;
  if (count === recoveryKeyLength) return `${recoveryKeyLength} caractères : la clé est complète.`;
  if (count < recoveryKeyLength) return `${count} caractères sur ${recoveryKeyLength} : il en manque ${recoveryKeyLength - count}.`;
  return `${count} caractères : ${count - recoveryKeyLength} de trop (la clé en compte ${recoveryKeyLength}).`;
}
