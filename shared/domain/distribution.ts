import { plural } from './wording.ts';

/**
 * Accounts a selection holds but whose credentials are not handed out (MISSION §2–3): not in
 * the ENT yet (no code the ENT knows), or blocked or pre-deleted (actions recorded for the ENT).
 */
export interface LeftOut {
  notInEnt: number;
  blocked: number;
  preDeleted: number;
}

export const nothingLeftOut: LeftOut = { notInEnt: 0, blocked: 0, preDeleted: 0 };

export function leftOutTotal(leftOut: LeftOut): number {
  return leftOut.notInEnt + leftOut.blocked + leftOut.preDeleted;
}

/** What to do about accounts not in the ENT yet, said the same way on every screen. */
export const notInEntRemedy = 'importez le prochain export des comptes de l’ENT';

/**
 * Why some selected accounts get no sheet, mail or row, in one French sentence per reason;
 * null when every one does.
 */
export function leftOutMessage(leftOut: LeftOut): string | null {
  const parts: string[] = [];
  if (leftOut.notInEnt > 0) {
    parts.push(
      leftOut.notInEnt === 1
        ? `1 compte n’est pas encore dans l’ENT : ${notInEntRemedy}.`
        : `${plural(leftOut.notInEnt, 'compte')} ne sont pas encore dans l’ENT : ${notInEntRemedy}.`,
    );
  }
  if (leftOut.blocked > 0) parts.push(`${plural(leftOut.blocked, 'compte bloqué', 'comptes bloqués')} dans Sésame : pas de fiche tant qu’il${leftOut.blocked > 1 ? 's le restent' : ' le reste'}.`);
  if (leftOut.preDeleted > 0) parts.push(`${plural(leftOut.preDeleted, 'compte pré-supprimé', 'comptes pré-supprimés')} : pas de fiche.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The refusal when nothing is left to hand out: nothing was written or sent. */
export function nothingToHandOutMessage(leftOut: LeftOut): string {
  return `Rien n’a été produit : aucun compte de la sélection n’a d’identifiants à remettre. ${leftOutMessage(leftOut) ?? ''}`.trim();
}

/**
 * Where an import leaves the round trip with the ENT, for the import result and the CLI:
 * who now has the ENT's credentials, and who is still waiting for them.
 */
export function entRoundTripWording(counts: { joinedEnt: number; notInEnt: number }): string[] {
  const lines: string[] = [];
  if (counts.joinedEnt > 0) {
    lines.push(
      counts.joinedEnt === 1
        ? '1 compte est maintenant dans l’ENT : sa fiche de connexion peut être imprimée.'
        : `${plural(counts.joinedEnt, 'compte')} sont maintenant dans l’ENT : leurs fiches de connexion peuvent être imprimées.`,
    );
  }
  if (counts.notInEnt > 0) {
    lines.push(
      `${counts.notInEnt === 1 ? '1 compte n’est' : `${plural(counts.notInEnt, 'compte')} ne sont`} pas encore dans l’ENT : ` +
        'créez-les dans l’ENT avec les fichiers d’import (Exporter › « Fichiers d’import pour l’ENT »), puis importez ici le nouvel export des comptes de l’ENT.',
    );
  }
  return lines;
}
