import { rename, rm, writeFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PdfResult, PublipostageApi } from '../../../shared/api/areas/publipostage.ts';
import { layoutLabels } from '../../../shared/domain/publipostage.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { generatePublipostagePdf, targetAccountIds } from '../../core/publipostage/generate.ts';
import { handOutByClass, markHandedOut, unmarkHandedOut } from '../../core/publipostage/hand-out.ts';
import { isUsableLogo } from '../../core/publipostage/pdf/logo.ts';
import { readLogo, readPublipostageSettings, writeLogo, writePublipostageSettings } from '../../core/publipostage/settings.ts';
import type { CoreContext } from '../context.ts';
import { documentsOf } from '../documents.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';

/** Past this, a PDF of letters would take minutes and hundreds of megabytes: narrow the selection. */
const maxSheets = 25_000;

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

  'publipostage.logo': ({ db }) => ({ logo: readLogo(db) }),

  'publipostage.setLogo': async (context, { logo }) => {
    if (logo && !(await isUsableLogo(logo))) {
      throw new UserError('invalid-file', 'Ce logo n’a pas été enregistré : choisissez une image PNG ou JPEG lisible, de moins de 3 000 pixels de côté.');
    }
    context.db.transaction(() => {
      writeLogo(context.db, logo);
      writeJournal(context.db, { action: 'publipostage.logo', summary: logo ? 'Logo de l’école modifié' : 'Logo de l’école retiré' }, context.now(), context.actor);
    })();
    context.events.emit({ type: 'data-changed', area: 'settings' });
    return { logo };
  },

  'publipostage.generate': (context, request) => {
    if (!readSettings(context.db).entUrl.trim()) {
      throw new UserError('invalid-argument', 'Indiquez d’abord l’adresse de connexion de l’ENT dans Paramètres : elle est imprimée sur chaque fiche.');
    }
    const ids = targetAccountIds(context.db, request.target, request.options);
    if (ids.length === 0) throw new UserError('not-found', 'Aucun compte ne correspond à cette sélection : il n’y a rien à imprimer.');
    if (ids.length > maxSheets) {
      throw new UserError('invalid-argument', `${ids.length} comptes sélectionnés : c’est trop pour un seul PDF (au plus ${maxSheets}). Filtrez par classe ou par profil.`);
    }
    return context.jobs.run(request.jobId, 'pdf', async (job): Promise<PdfResult> => {
      job.progress(0, ids.length, 'Préparation des fiches');
      const pdf = await generatePublipostagePdf(context.db, ids, request.options, context.now(), {
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
            : `Fiches de connexion générées : ${pdf.sheets} comptes, ${layoutLabels[request.options.layout]}`,
        },
        context.now(),
        context.actor,
      );
      const documentId = request.keep ? documentsOf(context).keep({ fileName: pdf.fileName, pages: pdf.pages, bytes: pdf.bytes }) : null;
      return { documentId, fileName: pdf.fileName, sheets: pdf.sheets, pages: pdf.pages, bytes: pdf.bytes.length, savedTo: request.outPath };
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

  'publipostage.handOutByClass': ({ db }) => handOutByClass(db),
};
