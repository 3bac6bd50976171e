import type { SchoolDb } from '../../db/open.ts';
import { UserError } from '../../errors.ts';
import { loadAccounts } from '../../directory/list.ts';
import { writeJournal } from '../../directory/journal.ts';
import type { MailTemplates } from '../../../../shared/domain/mail.ts';
import { skipReasonOf } from './campaign.ts';
import { insertCampaign } from './campaign-store.ts';

/**
 * « Fiche de connexion individuelle mail » (seed 004): a campaign of one, so that the user
 * sheet's mail goes through the same preview, exactly-once bookkeeping and journal as any
 * publipostage by mail. Refused, with the reason, when that account gets no mail: not in the
 * ENT yet, blocked, pre-deleted, or without a usable address.
 */
export function createIndividualCampaign(db: SchoolDb, accountId: number, templates: MailTemplates, at: Date, actor: string): number {
  const account = loadAccounts(db, [accountId])[0];
  if (!account) throw new UserError('not-found', `Ce compte n’existe plus (n° ${accountId}) : il a été supprimé définitivement ou fusionné.`);
  const reason = skipReasonOf(account);
  if (reason) throw new UserError('invalid-argument', `${account.firstName} ${account.lastName} ne peut pas recevoir sa fiche par courriel. ${reason}`);
  const email = account.email?.trim() ?? '';
  return db.transaction(() => {
    const id = insertCampaign(
      db,
      {
        selection: { accountIds: [accountId] },
        templates,
        recipients: [{ accountId, lastName: account.lastName, firstName: account.firstName, email, skipReason: null }],
      },
      at,
      actor,
    );
    writeJournal(
      db,
      { action: 'mail.campaign.create', accountId, summary: `Fiche de connexion individuelle à envoyer par courriel à ${email} (envoi n° ${id})`, after: { campaignId: id } },
      at,
      actor,
    );
    return id;
  })();
}
