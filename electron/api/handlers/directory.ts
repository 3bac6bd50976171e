import type { DirectoryApi } from '../../../shared/api/areas/directory.ts';
import { bulkAction } from '../../core/directory/bulk.ts';
import { listClasses } from '../../core/directory/classes.ts';
import { editAccount } from '../../core/directory/edits.ts';
import { createGuest } from '../../core/directory/guest.ts';
import { allJournal, listJournal, type Author } from '../../core/directory/journal.ts';
import { journalCsv } from '../../core/directory/journal-csv.ts';
import { addClass, addGuardian, removeClass, removeGuardian } from '../../core/directory/links.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../../core/directory/list.ts';
import { mergeAccounts } from '../../core/directory/merge.ts';
import { copyLastYear, setTeacherClasses, teacherClassMatrix } from '../../core/directory/rentree.ts';
import { quickSearch } from '../../core/directory/search.ts';
import { loadSheet } from '../../core/directory/sheet.ts';
import { preDelete, restore, setBlocked } from '../../core/directory/status.ts';
import { findAccount } from '../../core/directory/accounts.ts';
import type { CoreContext } from '../context.ts';
import type { StatusChange } from '../../../shared/domain/ent-todo.ts';
import { documentsOf } from '../documents.ts';
import { UserError } from '../errors.ts';
import { passwordOf, smtpOf } from './mail.ts';
import { settingsProblem } from '../../core/publipostage/mail/test-message.ts';
import type { AreaHandlers } from './types.ts';

const author = (context: CoreContext): Author => ({ actor: context.actor, at: context.now() });

/** Runs a change and tells every open list to refresh when something did change. */
function changing<T>(context: CoreContext, work: (by: Author) => T, changed: (value: T) => boolean = () => true): T {
  const value = work(author(context));
  if (changed(value)) context.events.emit({ type: 'data-changed', area: 'accounts' });
  return value;
}

const flag = (context: CoreContext, work: (by: Author) => boolean) => ({ changed: changing(context, work, (value) => value) });
const statusChanged = (change: StatusChange) => change.changed;

export const directoryHandlers: AreaHandlers<DirectoryApi> = {
  'directory.list': ({ db }, { filter, sort, offset, limit }) => {
    const counts = countSelection(db, filter);
    const ids = selectAccountIds(db, filter, sort, offset, limit);
    return { ...counts, offset, items: loadAccounts(db, ids) };
  },

  'directory.classes': ({ db }) => listClasses(db),

  'directory.selectIds': ({ db }, { filter, sort }) => selectAccountIds(db, filter, sort),

  'directory.search': ({ db }, { text, limit }) => loadAccounts(db, quickSearch(db, text, limit)),

  'directory.get': (context, { id }) => loadSheet(context.db, id, context.now()),

  'directory.update': (context, { id, ...edits }) => ({
    changed: changing(context, (by) => editAccount(context.db, id, edits, by), (fields) => fields.length > 0),
  }),

  'directory.attachClass': (context, { id, classId }) => flag(context, (by) => addClass(context.db, id, classId, by)),
  'directory.detachClass': (context, { id, classId }) => flag(context, (by) => removeClass(context.db, id, classId, by)),
  'directory.linkGuardian': (context, { guardianId, childId }) => flag(context, (by) => addGuardian(context.db, guardianId, childId, by)),
  'directory.unlinkGuardian': (context, { guardianId, childId }) =>
    flag(context, (by) => removeGuardian(context.db, guardianId, childId, by)),
  'directory.setBlocked': (context, { id, blocked }) => changing(context, (by) => setBlocked(context.db, id, blocked, by), statusChanged),
  'directory.preDelete': (context, { id }) => changing(context, (by) => preDelete(context.db, id, by), statusChanged),
  'directory.restore': (context, { id }) => changing(context, (by) => restore(context.db, id, by), statusChanged),

  'directory.renewalSheet': async (context, { id, code }) => {
    // The PDF library loads with the first sheet, not with the directory.
    const { renewalSheetPdf } = await import('../../core/directory/renewal.ts');
    const pdf = await renewalSheetPdf(context.db, id, code, author(context));
    const documentId = documentsOf(context).keep({ fileName: pdf.fileName, pages: pdf.pages, bytes: pdf.bytes });
    return { documentId, fileName: pdf.fileName, pages: pdf.pages };
  },

  'directory.mailRenewalSheet': async (context, { id, code, password }) => {
    const smtp = smtpOf(context);
    const secret = passwordOf(context, password);
    const problem = settingsProblem(smtp, secret);
    if (problem) throw new UserError('unavailable', problem);
    const { mailRenewalSheet } = await import('../../core/directory/renewal.ts');
    return mailRenewalSheet(context.db, id, code, { smtp, password: secret }, author(context));
  },

  'directory.createGuest': (context, guest) => changing(context, (by) => createGuest(context.db, guest, by)),

  'directory.merge': (context, { keepId, removeId }) => changing(context, (by) => mergeAccounts(context.db, keepId, removeId, by)),

  'directory.bulk': (context, { ids, action, classId }) =>
    changing(context, (by) => bulkAction(context.db, ids, action, by, classId), (outcome) => outcome.changed > 0),

  'directory.journal': ({ db }, query) => listJournal(db, query),

  'directory.exportJournal': (context, { accountId }) => {
    // A purged account's journal stays exportable: it is named by number then.
    const account = accountId === undefined ? undefined : findAccount(context.db, accountId);
    const who = accountId === undefined ? '' : `-${account?.login ?? `compte-${accountId}`}`;
    return {
      fileName: `journal${who}-${context.now().toISOString().slice(0, 10)}.csv`,
      content: journalCsv(allJournal(context.db, accountId)),
    };
  },

  'directory.teacherClasses': (context) => teacherClassMatrix(context.db, context.now()),

  'directory.setTeacherClasses': (context, { assignments }) => ({
    changed: changing(context, (by) => setTeacherClasses(context.db, assignments, by), (count) => count > 0),
  }),

  'directory.copyLastYear': (context) => ({
    attached: changing(context, (by) => copyLastYear(context.db, by), (count) => count > 0),
  }),
};
