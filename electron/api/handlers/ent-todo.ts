import { Buffer } from 'node:buffer';
import type { EntTodoApi } from '../../../shared/api/areas/ent-todo.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { guestImportFile } from '../../core/ent-todo/guest-import-file.ts';
import { entTodosById, listEntTodos, markEntTodosDone, reopenEntTodo } from '../../core/ent-todo/store.ts';
import { sheetFrame } from '../../core/publipostage/sheet-model.ts';
import type { CoreContext } from '../context.ts';
import { documentsOf } from '../documents.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';

const author = (context: CoreContext) => ({ actor: context.actor, at: context.now() });

/** The list changed: the navigation's count and any open list refresh. */
const changed = (context: CoreContext) => context.events.emit({ type: 'data-changed', area: 'accounts' });

export const entTodoHandlers: AreaHandlers<EntTodoApi> = {
  'entTodo.list': ({ db }, query) => listEntTodos(db, query),

  'entTodo.markDone': (context, { ids }) => {
    const closed = markEntTodosDone(context.db, ids, author(context));
    if (closed > 0) changed(context);
    return { closed };
  },

  'entTodo.reopen': (context, { id }) => {
    const reopened = reopenEntTodo(context.db, id, author(context));
    if (reopened) changed(context);
    return { changed: reopened };
  },

  'entTodo.checklist': async (context, { ids }) => {
    const items = entTodosById(context.db, ids).filter((item) => item.closedAt === null);
    if (items.length === 0) throw new UserError('not-found', 'Rien n’est à faire dans l’ENT : la liste imprimable serait vide.');
    const now = context.now();
    const frame = sheetFrame(readSettings(context.db), now.toISOString().slice(0, 10));
    // The PDF library loads with the first checklist, not with the list of tasks.
    const { renderEntTodoChecklist } = await import('../../core/ent-todo/checklist-pdf.ts');
    const pdf = await renderEntTodoChecklist(items, frame, now);
    const fileName = `a-faire-dans-l-ent-${now.toISOString().slice(0, 10)}.pdf`;
    const documentId = documentsOf(context).keep({ fileName, pages: pdf.pages, bytes: pdf.bytes });
    return { documentId, fileName, pages: pdf.pages, items: items.length };
  },

  'entTodo.guestImportFile': (context) => {
    const file = guestImportFile(context.db, context.now());
    if (file.rows === 0) throw new UserError('not-found', 'Aucun invité n’est à créer dans l’ENT.');
    return { fileName: file.fileName, rows: file.rows, base64: Buffer.from(file.bytes).toString('base64') };
  },
};
