import type { SchoolDb } from '../../db/open.ts';
import { stmt } from '../../db/statements.ts';
import { loadAccounts, selectAccountIds } from '../../directory/list.ts';
import { writeJournal } from '../../directory/journal.ts';
import type { AccountListItem } from '../../../../shared/domain/account.ts';
import type { Selection } from '../../../../shared/domain/selection.ts';
import { isEmailAddress, type MailPlan, type MailTemplates } from '../../../../shared/domain/mail.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { leftOutTotal, nothingToHandOutMessage, notInEntRemedy, type LeftOut } from '../../../../shared/domain/distribution.ts';
import { UserError } from '../../errors.ts';
import { leftOutReason, type LeftOutReason } from '../distribution.ts';
import { insertCampaign, type NewRecipient } from './campaign-store.ts';
import { mailCaseOf } from './message.ts';

export const noAddressDetail = 'Pas d’adresse courriel : à remettre sur papier (PDF).';
export const invalidAddressDetail = (email: string) => `Adresse de courriel invalide (« ${email.slice(0, 80)} ») : à corriger sur la fiche.`;

const leftOutDetails: Record<LeftOutReason, string> = {
  notInEnt: `Pas encore dans l’ENT : aucun code à envoyer (${notInEntRemedy}).`,
  blocked: 'Compte bloqué : pas de courriel tant qu’il le reste.',
  preDeleted: 'Compte pré-supprimé : pas de courriel.',
};

/**
 * Why an account gets no mail — not in the ENT yet, blocked or pre-deleted, no address, or not
 * an address — or null when it gets one. Asked again just before each message leaves.
 */
export function skipReasonOf(account: AccountListItem): string | null {
  const leftOut = leftOutReason(account);
  if (leftOut) return leftOutDetails[leftOut];
  const email = account.email?.trim() ?? '';
  if (email === '') return noAddressDetail;
  return isEmailAddress(email) ? null : invalidAddressDetail(email);
}

export function selectedAccounts(db: SchoolDb, selection: Selection): AccountListItem[] {
  return loadAccounts(db, selectAccountIds(db, selection.filter, selection.sort));
}

export function planMail(db: SchoolDb, accounts: AccountListItem[]): MailPlan {
  const plan: MailPlan = {
    total: accounts.length,
    withAddress: 0,
    notActivated: 0,
    activated: 0,
    withoutAddress: 0,
    invalidAddress: 0,
    withoutAddressIds: [],
    alreadySent: 0,
    leftOut: { notInEnt: 0, blocked: 0, preDeleted: 0 },
  };
  const addressed: number[] = [];
  for (const account of accounts) {
    const leftOut = leftOutReason(account);
    if (leftOut) {
      plan.leftOut[leftOut]++;
      continue;
    }
    const reason = skipReasonOf(account);
    if (reason === null) {
      plan.withAddress++;
      plan[mailCaseOf(account)]++;
      addressed.push(account.id);
    } else {
      plan.withoutAddress++;
      if (reason !== noAddressDetail) plan.invalidAddress++;
      plan.withoutAddressIds.push(account.id);
    }
  }
  plan.alreadySent =
    stmt<[string], number>(
      db,
      `SELECT count(DISTINCT account_id) FROM mail_recipient WHERE state = 'sent' AND account_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .get(JSON.stringify(addressed)) ?? 0;
  return plan;
}

/** Writes the campaign and its recipients (queued, or skipped with the reason) in one transaction. */
export function createCampaign(
  db: SchoolDb,
  selection: Selection,
  accounts: AccountListItem[],
  templates: MailTemplates,
  at: Date,
  actor: string,
): number {
  const leftOut: LeftOut = { notInEnt: 0, blocked: 0, preDeleted: 0 };
  for (const account of accounts) {
    const reason = leftOutReason(account);
    if (reason) leftOut[reason]++;
  }
  if (leftOutTotal(leftOut) === accounts.length && accounts.length > 0) throw new UserError('invalid-argument', nothingToHandOutMessage(leftOut));
  const recipients: NewRecipient[] = accounts.map((account) => ({
    accountId: account.id,
    lastName: account.lastName,
    firstName: account.firstName,
    email: account.email?.trim() || null,
    skipReason: skipReasonOf(account),
  }));
  return db.transaction(() => {
    const id = insertCampaign(db, { selection, templates, recipients }, at, actor);
    const queued = recipients.filter((recipient) => recipient.skipReason === null).length;
    writeJournal(
      db,
      {
        action: 'mail.campaign.create',
        summary:
          `Envoi par courriel n° ${id} préparé : ${plural(queued, 'destinataire')}, ` +
          `${plural(recipients.length - queued - leftOutTotal(leftOut), 'compte')} sans adresse utilisable` +
          (leftOutTotal(leftOut) > 0 ? `, ${plural(leftOutTotal(leftOut), 'compte')} sans identifiants à remettre` : ''),
        after: { campaignId: id, selection },
      },
      at,
      actor,
    );
    return id;
  })();
}
