import type { ComponentLicence, Versions } from '../../shared/api/areas/system.ts';

/** The text of « À propos de Sésame »: versions, privacy promise, licences. */
export function aboutText(versions: Versions & { chrome?: string | undefined }, licences: readonly ComponentLicence[]): { message: string; detail: string } {
  const runtime = [
    versions.electron ? `Electron ${versions.electron}` : null,
    versions.chrome ? `Chromium ${versions.chrome}` : null,
    `Node.js ${versions.node}`,
    `SQLite ${versions.sqlite}`,
  ].filter(Boolean);
  return {
    message: `Sésame ${versions.app}`,
    detail: [
      'Distribuer les identifiants ENT de l’école, hors ligne.',
      'Aucune donnée ne quitte cet ordinateur, sauf les courriels que vous envoyez. Aucune statistique d’usage n’est collectée.',
      '',
      runtime.join(' · '),
      '',
      'Composants et licences :',
      ...licences.map((component) => `• ${component.name} (${component.licence}) : ${component.role}`),
    ].join('\n'),
  };
}
