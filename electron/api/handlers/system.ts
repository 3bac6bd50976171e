import type { SystemApi } from '../../../shared/api/areas/system.ts';
import { stmt } from '../../core/db/statements.ts';
import { backupDirFor } from '../../core/db/backup.ts';
import { appVersion } from '../../core/app-version.ts';
import { componentLicences } from '../../core/licences.ts';
import type { AreaHandlers } from './types.ts';

export const systemHandlers: AreaHandlers<SystemApi> = {
  'system.versions': ({ db }) => ({
    app: appVersion,
    node: process.versions.node,
    sqlite: stmt<[], string>(db, 'SELECT sqlite_version()').pluck().get() ?? '',
    electron: process.versions['electron'] ?? null,
  }),

  'system.cancel': ({ jobs }, { jobId }) => ({ cancelled: jobs.cancel(jobId) }),

  'system.status': ({ filePath, fileState }) => ({ filePath, backupFolder: backupDirFor(filePath), file: fileState }),

  'system.licences': () => [...componentLicences],
};
