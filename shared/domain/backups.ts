/** Why a backup was made (shown as « avant un import », « quotidienne »…). */
export const backupReasons = ['migration', 'import', 'bulk', 'daily', 'manual', 'restore', 'encryption'] as const;
export type BackupReason = (typeof backupReasons)[number];
