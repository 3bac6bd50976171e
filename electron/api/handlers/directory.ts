import type { DirectoryApi } from '../../../shared/api/areas/directory.ts';
import { listClasses } from '../../core/directory/classes.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../../core/directory/list.ts';
import type { AreaHandlers } from './types.ts';

export const directoryHandlers: AreaHandlers<DirectoryApi> = {
  'directory.list': ({ db }, { filter, sort, offset, limit }) => {
    const counts = countSelection(db, filter);
    const ids = selectAccountIds(db, filter, sort, offset, limit);
    return { ...counts, offset, items: loadAccounts(db, ids) };
  },

  'directory.classes': ({ db }) => listClasses(db),
};
