const numberFormat = new Intl.NumberFormat('fr-FR');

export function formatCount(n: number): string {
  return numberFormat.format(n);
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
