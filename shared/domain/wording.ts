const numberFormat = new Intl.NumberFormat('fr-FR');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** A change of a count: « +48 », « 0 », « -3 ». */
export function formatSigned(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** « 1 compte », « 385 comptes » (French: plural from 2). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n >= 2 ? pluralForm : singular}`;
}

/** The consoles' counts line: « 385 comptes sélectionnés au total, 104 comptes sans adresse courriel ». */
export function selectionCounts(total: number, withoutEmail: number): { total: string; withoutEmail: string } {
  return {
    total: `${plural(total, 'compte sélectionné', 'comptes sélectionnés')} au total`,
    withoutEmail: `${plural(withoutEmail, 'compte', 'comptes')} sans adresse courriel`,
  };
}

/**
 * What an ENT export brought, as the import result, the history and the CLI say it:
 * « 48 comptes activés depuis l’import précédent (312 sur 540, 58 %) ».
 */
export function activationWording(progress: { accounts: number; activated: number; newlyActivated: number; first?: boolean }): string {
  const { accounts, activated, newlyActivated } = progress;
  const percent = accounts > 0 ? Math.round((100 * activated) / accounts) : 0;
  const standing = `${formatCount(activated)} sur ${formatCount(accounts)}, ${percent} %`;
  // No earlier export to compare with: what it says is where activation stands.
  if (progress.first) return `${plural(activated, 'compte déjà activé', 'comptes déjà activés')} (${standing})`;
  if (newlyActivated < 0) return `${plural(-newlyActivated, 'compte activé', 'comptes activés')} de moins qu’avant l’import : l’ENT leur a donné un nouveau code (${standing})`;
  if (newlyActivated === 0) return `Aucun nouveau compte activé depuis l’import précédent (${standing})`;
  return `${plural(newlyActivated, 'compte activé', 'comptes activés')} depuis l’import précédent (${standing})`;
}

/** « 12 comptes pas encore dans l’ENT », as the lists' counts line says it. */
export function notInEntCount(n: number): string {
  return `${plural(n, 'compte')} pas encore dans l’ENT`;
}

/** « a », « a et b », « a, b et c ». */
export function frenchList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1) as string}`;
}
