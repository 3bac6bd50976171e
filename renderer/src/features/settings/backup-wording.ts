import type { BackupPreview, BackupReason } from '../../../../shared/api/areas/backups.ts';
import { profileLabels, profiles } from '../../../../shared/domain/profile.ts';
import { plural } from '../../lib/format.ts';

/** Why a backup exists, as the backups list says it. */
export const backupReasonLabels: Record<BackupReason, string> = {
  daily: 'Sauvegarde du jour',
  manual: 'Sauvegarde manuelle',
  migration: 'Avant une mise à jour de Sésame',
  import: 'Avant un import',
  bulk: 'Avant une modification groupée',
  restore: 'Avant une restauration',
  encryption: 'Avant un changement de chiffrement',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** « lundi 1 septembre 2025 à 10:00 » */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

/** « 2,4 Mo », « 512 Ko » */
export function formatSize(bytes: number): string {
  const format = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))} Mo`;
  return `${format(Math.max(1, Math.round(bytes / 1024)))} Ko`;
}

/** « 152 élèves, 240 parents, 14 enseignants… » — only the profiles present. */
export function describeContents(contents: NonNullable<BackupPreview['contents']>): string {
  const parts = profiles
    .filter((profile) => contents.byProfile[profile] > 0)
    .map((profile) => plural(contents.byProfile[profile], profileLabels[profile].toLowerCase()));
  return parts.length ? parts.join(', ') : 'aucun compte';
}
