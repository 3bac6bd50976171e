import type { AccountListItem } from '../../../shared/domain/account.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

export { activationWording, formatCount, formatSigned, notInEntCount, plural, selectionCounts } from '../../../shared/domain/wording.ts';

/** The classes a row is filed under: its own, or for a guardian, the children's. */
export function displayedClasses(account: AccountListItem): string {
  if (account.classes.length) return account.classes.join(', ');
  return [...new Set(account.children.flatMap((child) => child.classes))].join(', ');
}
