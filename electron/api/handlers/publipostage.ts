import { rename, rm, writeFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PdfResult, PublipostageApi } from '../../../shared/api/areas/publipostage.ts';
import { layoutLabels, type SheetsPerPage } from '../../../shared/domain/publipostage.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { requireDistributable } from '../../core/publipostage/distribution.ts';
import { generatePublipostagePdf, targetAccountIds } from '../../core/publipostage/generate.ts';
import { distributionFollowUp } from '../../core/publipostage/follow-up.ts';
import { markHandedOut, unmarkHandedOut } from '../../core/publipostage/hand-out.ts';
import { readKeptChoices, writeKeptChoices } from '../../core/publipostage/kept-choices.ts';
import { readPublipostageSettings, writePublipostageSettings } from '../../core/publipostage/settings.ts';
import type { CoreContext } from '../context.ts';
import { documentsOf } from '../documents.ts';
import { UserError } from '../errors.ts';
import { tempDocumentsOf } from '../temp-documents.ts';
import type { AreaHandlers } from './types.ts';
import { requireSchoolIdentity } from '../../core/school-file/identity.ts';

/**
 * Past this, a PDF would take minutes and hundreds of megabytes: narrow the selection. Cards
 * (8 per page) of a whole 100,000-account school take 3 s and 460 MB; letters, one per page, eight times the pages.
 */
const maxSheets: Record<SheetsPerPage, number> = { 8: 100_000, 2: 25_000, 1: 25_000 };

/** Writes beside the target then renames, so a crash never leaves half a PDF under its name. */
async function writePdf(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.${process.pid}.partiel`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch {
    await rm(partial, { force: true });
    throw new UserError('unavailable', `Impossible d’enregistrer le PDF à cet emplacement (${path}) : dossier introuvable, protégé ou plein.`);
  }
}

function keptDocument(context: CoreContext, documentId: string) {
  const document = documentsOf(context).get(documentId);
  if (!document) throw new UserError('not-found', 'Ce PDF n’est plus disponible : générez-le à nouveau.');
  return document;
}

export const publipostageHandlers: AreaHandlers<PublipostageApi> = {
  'publipostage.settings': ({ db }) => readPublipostageSettings(db),

  'publipostage.updateSettings': (context, change) => {
    const settings = context.db.transaction(() => {
      const updated = writePublipostageSettings(context.db, change);
      writeJournal(context.db, { action: 'publipostage.settings', summary: 'Textes des courriers ou modèle par défaut modifiés', after: change }, context.now(), context.actor);
      return updated;
    })();
    context.events.emit({ type: 'data-changed', area: 'settings' });
    return settings;
  },

  'publipostage.generate': (context, request) => {
    requireSchoolIdentity(context.db);
    if (!readSettings(context.db).entUrl.trim()) {
      throw new UserError('invalid-argument', 'Indiquez d’abord l’adresse de connexion de l’ENT dans Paramètres : elle est imprimée sur chaque fiche.');
    }
    const selected = targetAccountIds(context.db, request.target, request.options);
    if (selected.length === 0) throw new UserError('not-found', 'Aucun compte ne correspond à cette sélection : il n’y a rien à imprimer.');
    const { ids, leftOut } = requireDistributable(context.db, selected);
    const most = maxSheets[request.options.layout];
    if (ids.length > most) {
      throw new UserError('invalid-argument', `${ids.length} comptes sélectionnés : c’est trop pour un seul PDF (au plus ${most}). Filtrez par classe ou par profil.`);
    }
    return context.jobs.run(request.jobId, 'pdf', async (job): Promise<PdfResult> => {
      job.progress(0, ids.length, 'Préparation des fiches');
      const pdf = await generatePublipostagePdf(context.db, request.target, ids, request.options, context.now(), {
        batch: async (done, total) => {
          job.progress(done, total, 'Mise en page des fiches');
          await nextTurn();
          job.checkpoint();
        },
      });
      if (request.outPath) await writePdf(request.outPath, pdf.bytes);
      const single = request.target.kind === 'accounts' && ids.length === 1;
      writeJournal(
        context.db,
        {
          action: 'publipostage.pdf',
          accountId: single ? ids[0] : null,
          summary: single
            ? 'Fiche de connexion individuelle générée'
            : `Fiches de connexion générées : ${ids.length} comptes, ${layoutLabels[request.options.layout]}`,
        },
        context.now(),
        context.actor,
      );
      const documentId = request.keep ? documentsOf(context).keep({ fileName: pdf.fileName, pages: pdf.pages, bytes: pdf.bytes }) : null;
      return { documentId, fileName: pdf.fileName, sheets: pdf.sheets, pages: pdf.pages, bytes: pdf.bytes.length, savedTo: request.outPath, leftOut, shrunk: pdf.shrunk };
    });
  },

  'publipostage.document': (context, { documentId }) => {
    const document = keptDocument(context, documentId);
    return { fileName: document.fileName, pages: document.pages, base64: Buffer.from(document.bytes).toString('base64') };
  },

  'publipostage.saveDocument': async (context, { documentId, path }) => {
    await writePdf(path, keptDocument(context, documentId).bytes);
    return { savedTo: path };
  },

  'publipostage.discardDocument': (context, { documentId }) => ({ discarded: documentsOf(context).discard(documentId) }),

  'publipostage.openDocument': async (context, { documentId, purpose }) => {
    const { desktop } = context;
    if (!desktop) {
      throw new UserError('unavailable', 'Seule l’application Sésame installée sur l’ordinateur ouvre le PDF dans une autre application : dans le navigateur, imprimez depuis l’aperçu du PDF.');
    }
    const document = keptDocument(context, documentId);
    const temp = tempDocumentsOf(context);
    let path: string;
    try {
      path = await temp.write(document.fileName, document.bytes, context.now());
    } catch {
      throw new UserError('unavailable', 'Le PDF n’a pas pu être préparé dans le dossier temporaire de l’ordinateur (disque plein ?). Enregistrez-le pour l’ouvrir vous-même.');
    }
    const printer = purpose === 'print' ? desktop.printPdf?.bind(desktop) : undefined;
    if (printer) {
      try {
        await printer(path);
        return { openedWith: 'print-dialog' };
      } catch {
        throw new UserError('unavailable', 'Le PDF n’a pas pu être imprimé. Vérifiez l’imprimante, ou enregistrez le PDF pour l’imprimer depuis votre lecteur de PDF.');
      } finally {
        // Printed or cancelled: the file has done its job.
        await temp.remove(path);
      }
    }
    try {
      await desktop.openPath(path);
    } catch {
      await temp.remove(path);
      throw new UserError('unavailable', 'Aucune application de l’ordinateur n’a pu ouvrir le PDF : installez un lecteur de PDF, ou enregistrez le PDF pour l’ouvrir vous-même.');
    }
    // The reader reads the file in its own time: it stays until the sweep (an hour) or the app quits.
    return { openedWith: 'viewer' };
  },

  'publipostage.markHandedOut': (context, { target, handedOut }) => {
    const ids = targetAccountIds(context.db, target, { coverPages: false, handOutList: false });
    const change = context.db.transaction(() => {
      const result = handedOut ? markHandedOut(context.db, ids, context.now(), context.actor) : unmarkHandedOut(context.db, ids);
      const verb = handedOut ? 'remises' : 'à nouveau à remettre';
      writeJournal(
        context.db,
        {
          action: handedOut ? 'publipostage.handOut' : 'publipostage.handOutUndo',
          accountId: ids.length === 1 ? ids[0] : null,
          summary: `Fiches de connexion ${verb} : ${result.changed} sur ${ids.length} comptes`,
        },
        context.now(),
        context.actor,
      );
      return result;
    })();
    if (change.changed > 0) context.events.emit({ type: 'data-changed', area: 'accounts' });
    return { accounts: ids.length, changed: change.changed };
  },

  'publipostage.followUp': ({ db }) => distributionFollowUp(db),

  'publipostage.keptChoices': ({ db }) => ({ choices: readKeptChoices(db) }),

  'publipostage.keepChoices': ({ db }, { choices }) => {
    writeKeptChoices(db, choices);
    return { kept: choices !== null };
  },
};
