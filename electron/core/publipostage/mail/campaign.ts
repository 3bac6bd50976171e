import type { SchoolDb } from '../../db/open.ts';
import { stmt } from '../../db/statements.ts';
import { loadAccounts, selectAccountIds } from '../../directory/list.ts';
import { writeJournal } from '../../directory/journal.ts';
import type { AccountListItem } from '../../../../shared/domain/account.ts';
import type { Selection } from '../../../../shared/domain/selection.ts';
import { isEmailAddress, type MailPlan, type MailTemplates } from '../../../../shared/domain/mail.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { insertCampaign, type NewRecipient } from './campaign-store.ts';
import { mailCaseOf } from './message.ts';

export const noAddressDetail = 'Pas d’adresse courriel : à remettre sur papier (PDF).';
export const invalidAddressDetail = (email: string) => `Adresse de courriel invalide (« ${email.slice(0, 80)} ») : à corriger sur la fiche.`;

/** Why an account gets no mail (no address, or not an address), or null when it gets one. */
export function skipReasonOf(account: AccountListItem): string | null {
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
  };
  const addressed: number[] = [];
  for (const account of accounts) {
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
        summary: `Envoi par courriel n° ${id} préparé : ${plural(queued, 'destinataire')}, ${plural(recipients.length - queued, 'compte')} sans adresse utilisable`,
        after: { campaignId: id, selection },
      },
      at,
      actor,
    );
    return id;
  })();
}
