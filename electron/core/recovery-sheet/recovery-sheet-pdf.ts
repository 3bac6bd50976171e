import { colors } from '../publipostage/pdf/canvas.ts';
import { PageFlow } from '../publipostage/pdf/flow.ts';
import { a4, type TextStyle } from '../publipostage/pdf/kit.ts';
import { qrDrawingOf } from '../publipostage/pdf/qr.ts';
import { PdfWriter } from '../publipostage/pdf/writer.ts';

/** What the recovery sheet prints: enough to open this file, and nothing of its contents. */
export interface RecoverySheet {
  schoolName: string;
  /** The school file's full path when the sheet was made: where to look for it. */
  filePath: string;
  /** The recovery key in groups (formatRecoveryKey). */
  recoveryKey: string;
  /** Tells this key from a later one (after « Changer la clé »), without giving it away. */
  fingerprint: string;
  createdAt: Date;
}

const style = (role: TextStyle['role'], size: number, leading = size * 1.4): TextStyle => ({ role, size, leading });
const page = { width: a4.width, height: a4.height, margin: { top: 56, bottom: 56, side: 56 } };

const keepingAdvice = [
  'Imprimez cette fiche (ou enregistrez-la sur une clé USB rangée à part) et gardez-la sous clé : coffre, armoire fermée du bureau de direction.',
  'Ne la gardez jamais avec l’ordinateur, dans sa sacoche ou dans le même dossier que le fichier d’école ; ne la photographiez pas, ne l’envoyez pas par courriel.',
  'Qui a cette fiche et une copie du fichier lit tout le fichier : noms des élèves, coordonnées des parents, codes d’activation.',
  'Sans cette fiche, un fichier copié sur un autre ordinateur, ou cet ordinateur réinstallé, ne s’ouvre plus : personne, pas même l’éditeur de Sésame, ne peut retrouver la clé.',
];

const usageSteps = [
  'Sur un autre ordinateur : ouvrez le fichier d’école avec Sésame ; il demande la clé de secours. Saisissez les 14 groupes (les tirets et la casse ne comptent pas). Sésame garde ensuite la clé dans le trousseau de cet ordinateur.',
  'En ligne de commande : variable SESAME_KEY (la clé ci-dessus) ou option --key-file FICHIER.',
  'Les sauvegardes de ce fichier s’ouvrent avec la même clé. Si la clé est changée (Paramètres), imprimez la nouvelle fiche et gardez celle-ci pour les sauvegardes plus anciennes.',
];

function frenchDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The recovery sheet, as BitLocker prints one: one A4 page with the school, the file, the key in
 * 14 groups of 4 in a monospace that tells 0 from O, its QR code, and where to keep the sheet.
 */
export async function renderRecoverySheet(sheet: RecoverySheet): Promise<{ bytes: Uint8Array; pages: number }> {
  const writer = await PdfWriter.create();
  const type = writer.type;
  const flow = new PageFlow(writer, page);

  flow.paragraph('Fiche de secours', style('sansBold', 22));
  flow.paragraph('Clé de secours du fichier d’école chiffré', style('sans', 13), colors.muted);
  flow.space(10);
  flow.paragraph(`École : ${sheet.schoolName || 'nom de l’école non renseigné'}`, style('sansBold', 12));
  flow.paragraph(`Fichier : ${sheet.filePath}`, style('sans', 10));
  flow.paragraph(`Fiche faite le ${frenchDate(sheet.createdAt)} · empreinte de la clé : ${sheet.fingerprint}`, style('sans', 10), colors.muted);
  flow.space(18);

  // The key: a framed box, two lines of seven groups, beside its QR code.
  const groups = sheet.recoveryKey.split('-');
  const keyLines = [groups.slice(0, 7).join(' '), groups.slice(7).join(' ')];
  const boxHeight = 130;
  const qrSize = 110;
  flow.ensure(boxHeight);
  const { canvas } = flow;
  const top = flow.y;
  canvas.strokeColor(colors.ink).raw('1.2 w').rect(flow.left, top - boxHeight, flow.width, boxHeight, 'S');
  canvas.fillColor(colors.muted).text(type.shape('CLÉ DE SECOURS', 'sansBold'), 9, flow.left + 14, top - 22);
  keyLines.forEach((line, index) => {
    canvas.fillColor(colors.ink).text(type.shape(line, 'mono'), 15, flow.left + 14, top - 54 - index * 30);
  });
  const qr = qrDrawingOf(sheet.recoveryKey);
  const qrForm = writer.addForm(qr.canvas, qr.size, qr.size);
  canvas.place(qrForm, flow.left + flow.width - qrSize - 10, top - boxHeight + 10, qrSize / qr.size);
  flow.space(boxHeight + 20);

  flow.paragraph('Où garder cette fiche', style('sansBold', 13));
  flow.space(4);
  for (const advice of keepingAdvice) flow.paragraph(`•  ${advice}`, style('sans', 10.5), colors.ink, 8);
  flow.space(12);
  flow.paragraph('Quand s’en servir', style('sansBold', 13));
  flow.space(4);
  for (const step of usageSteps) flow.paragraph(`•  ${step}`, style('sans', 10.5), colors.ink, 8);

  const pages = flow.end();
  const bytes = await writer.finish({
    title: `Fiche de secours — ${sheet.schoolName}`,
    author: sheet.schoolName,
    subject: 'Clé de secours du fichier d’école chiffré',
    createdAt: sheet.createdAt,
  });
  return { bytes, pages };
}
