import type { ComponentLicence } from '../../shared/api/areas/system.ts';

/**
 * What Sésame ships and under which licence, for « À propos ». A test checks this list against
 * package.json and node_modules, so a new dependency cannot ship unlisted.
 */
export const componentLicences: readonly ComponentLicence[] = [
  { name: 'Electron', licence: 'MIT', role: 'fenêtre de l’application (Chromium et Node.js)' },
  { name: 'svelte', licence: 'MIT', role: 'interface' },
  { name: 'better-sqlite3-multiple-ciphers', licence: 'MIT', role: 'fichier d’école chiffré (SQLite, domaine public, et SQLite3 Multiple Ciphers)' },
  { name: 'zod', licence: 'MIT', role: 'vérification des données' },
  { name: 'pdf-lib', licence: 'MIT', role: 'fiches PDF' },
  { name: 'pdfjs-dist', licence: 'Apache-2.0', role: 'aperçu des fiches PDF (PDF.js, Mozilla)' },
  { name: '@pdf-lib/fontkit', licence: 'MIT', role: 'polices dans les PDF' },
  { name: 'qrcode', licence: 'MIT', role: 'codes QR des fiches' },
  { name: 'nodemailer', licence: 'MIT-0', role: 'envoi des courriels' },
  { name: 'xlsx', licence: 'Apache-2.0', role: 'lecture et écriture Excel' },
  { name: 'docx', licence: 'MIT', role: 'modèles de lettres Word' },
  { name: 'fast-xml-parser', licence: 'MIT', role: 'lecture des fichiers SIECLE et STS-Web' },
  { name: 'fflate', licence: 'MIT', role: 'archives zip' },
  { name: '@expo-google-fonts/atkinson-hyperlegible', licence: 'MIT AND OFL-1.1', role: 'police Atkinson Hyperlegible (SIL Open Font License 1.1)' },
  { name: '@expo-google-fonts/jetbrains-mono', licence: 'MIT AND OFL-1.1', role: 'police JetBrains Mono des codes (SIL Open Font License 1.1)' },
  { name: '@expo-google-fonts/noto-sans', licence: 'MIT AND OFL-1.1', role: 'police Noto Sans de secours (SIL Open Font License 1.1)' },
];
