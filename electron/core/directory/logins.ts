import { loginPart } from '../../../shared/domain/text.ts';

const maxBaseLength = 30;

/**
 * `prenom.nom` as the ENT builds it, before any collision suffix. `part` is loginPart, or a
 * remembered version of it (an import folds the same names thousands of times).
 */
export function loginBase(firstName: string, lastName: string, part: (text: string) => string = loginPart): string {
  const first = part(firstName);
  const last = part(lastName);
  const base = (first && last ? `${first}.${last}` : first || last).slice(0, maxBaseLength);
  return (base.endsWith('.') ? base.slice(0, -1) : base) || 'compte';
}

/**
 * A login unique against every existing login and alias: `base`, then `base2`, `base3`…
 * `isTaken` is asked about each candidate (a Set lookup or a query).
 */
export function uniqueLogin(firstName: string, lastName: string, isTaken: (login: string) => boolean): string {
  const base = loginBase(firstName, lastName);
  if (!isTaken(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
