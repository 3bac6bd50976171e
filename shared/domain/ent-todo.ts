import type { Profile } from './profile.ts';

/**
 * « À faire dans l'ENT » (MISSION §3): what the director recorded in Sésame that only the ENT
 * console can really do. Sésame keeps the local flag (a blocked account gets no sheet) and a
 * to-do item with its date and author, until an ENT export shows the change or the director
 * ticks « Fait dans l'ENT ». Sésame never pretends the ENT already knows.
 */
export const entTodoKinds = ['block', 'unblock', 'preDelete', 'restore', 'createGuest', 'merge'] as const;
export type EntTodoKind = (typeof entTodoKinds)[number];

/** The console's own words for each action (seed 004: « Bloquer le compte », « Pré-supprimer le compte »…). */
export const entTodoLabels: Record<EntTodoKind, string> = {
  block: 'Bloquer le compte',
  unblock: 'Débloquer le compte',
  preDelete: 'Pré-supprimer le compte',
  restore: 'Restaurer le compte',
  createGuest: 'Créer le compte invité',
  merge: 'Fusionner le doublon',
};

/**
 * How each item closes. Only a guest's creation shows in an ENT export (the export brings the
 * guest, the import matches it); the account export has no column for blocking or
 * pre-deletion, and an export filtered by profile leaves out a merged guest as surely as a
 * merge does: those the director ticks.
 */
export const closesWithExport: Record<EntTodoKind, boolean> = {
  block: false,
  unblock: false,
  preDelete: false,
  restore: false,
  createGuest: true,
  merge: false,
};

export const entTodoClosures = ['done', 'seenInExport', 'cancelled'] as const;
export type EntTodoClosure = (typeof entTodoClosures)[number];
export const entTodoClosureLabels: Record<EntTodoClosure, string> = {
  done: 'Fait dans l’ENT',
  seenInExport: 'Vu dans un export de l’ENT',
  cancelled: 'Annulé dans Sésame avant d’être fait',
};

/**
 * What recording an action did to the list: a new item (or the same one, already open); an
 * open opposite item cancelled (a block not yet done in the ENT, then an unblock); or nothing,
 * for an account the ENT does not have yet.
 */
export type EntTodoEffect = 'recorded' | 'cancelled' | 'none';

/** A block, pre-deletion or restoration: the local flag changed (or already was so), and the list. */
export interface StatusChange {
  changed: boolean;
  entTodo: EntTodoEffect;
}

/** Says on every screen what is local and what is not. */
export const recordedLocally = 'Enregistré dans Sésame — à faire dans l’ENT';

/** The sheet's message after an action: « Compte bloqué » + what is left for the ENT. */
export function statusChangeMessage(done: string, effect: EntTodoEffect): string {
  if (effect === 'recorded') return `${done} dans Sésame — à faire dans l’ENT : voir « À faire dans l’ENT ».`;
  if (effect === 'cancelled') return `${done} dans Sésame. L’action inverse n’avait pas encore été faite dans l’ENT : plus rien à y faire.`;
  return `${done} dans Sésame. Ce compte n’est pas encore dans l’ENT : rien à y faire.`;
}

export const entTodoStates = ['open', 'closed', 'all'] as const;
export type EntTodoState = (typeof entTodoStates)[number];

/** An account as the item names it: kept as it was, since a merge or a purge may remove it. */
export interface EntTodoPerson {
  id: number;
  lastName: string;
  firstName: string;
  profile: Profile;
  login: string;
}

export interface EntTodo {
  id: number;
  kind: EntTodoKind;
  account: EntTodoPerson;
  /** Whether the account is still in the school file (a sheet to link to). */
  accountExists: boolean;
  /** A merge: the duplicate merged into `account` (gone from Sésame, still in the ENT). */
  merged: EntTodoPerson | null;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closure: EntTodoClosure | null;
}

export interface EntTodoPage {
  /** Items matching the query. */
  total: number;
  /** Open items of the whole school, whatever the query (the navigation's count). */
  open: number;
  offset: number;
  items: EntTodo[];
}

/** The console steps of each action, from the ENT guides (seeds 002 and 004), for the checklist. */
export function consoleSteps(kind: EntTodoKind): string[] {
  const findUser = 'Dans la console d’administration, « Rechercher un utilisateur » : tapez les premières lettres du nom, puis ouvrez sa fiche.';
  switch (kind) {
    case 'block':
      return [findUser, 'Cliquez sur « Bloquer le compte » : la personne ne peut plus se connecter à l’ENT.'];
    case 'unblock':
      return [findUser, 'Cliquez sur « Débloquer » : l’accès à l’ENT est rétabli aussitôt.'];
    case 'preDelete':
      return [findUser, 'Cliquez sur « Pré-supprimer le compte » : l’ENT le supprimera définitivement après son délai, sauf restauration.'];
    case 'restore':
      return [
        'Dans la console d’administration, « Utilisateurs », filtre « Pré-suppression » : « Utilisateurs en attente de pré-suppression ».',
        'Ouvrez la fiche de la personne et cliquez sur « Restaurer ».',
      ];
    case 'createGuest':
      return [
        'Dans la console d’administration, « Imports / Exports », onglet « Importer des utilisateurs » : profil « Invité », fichier « invites-a-creer » enregistré par Sésame (ou « Créer un utilisateur », profil Invité).',
        'Puis « Exporter des comptes » et importez cet export dans Sésame : l’invité y reçoit l’identifiant et le code d’activation donnés par l’ENT, et cette tâche se ferme d’elle-même.',
      ];
    case 'merge':
      return [
        findUser.replace('ouvrez sa fiche', 'ouvrez la fiche du doublon (le compte invité)'),
        'Fusionnez-le avec le compte conservé (« Fusionner » ou la gestion des doublons de la console) : gardez le compte officiel.',
      ];
  }
}
