import { randomUUID } from 'node:crypto';
import type { ExportsApi } from '../../../shared/api/areas/exports.ts';
import { exportKindInfo, formatsOfKind, letterAudienceLabels, type ExportedFile, type ExportSpec } from '../../../shared/domain/exports.ts';
import { buildExport, previewExport } from '../../core/exports/build-export.ts';
import { deliverFiles, ExportDestinationError, type FileToDeliver } from '../../core/exports/deliver.ts';
import { exportFileName } from '../../core/exports/file-names.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';
import { requireSchoolIdentity } from '../../core/school-file/identity.ts';

function deliver(...args: Parameters<typeof deliverFiles>): ExportedFile[] {
  try {
    return deliverFiles(...args);
  } catch (error) {
    if (error instanceof ExportDestinationError) throw new UserError('invalid-argument', error.message);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EISDIR', 'EBUSY'].includes(error.code)) {
      throw new UserError('unavailable', `Impossible d’écrire le fichier (${error.code === 'ENOSPC' ? 'disque plein' : 'accès refusé ou fichier ouvert dans un autre logiciel'}).`);
    }
    throw error;
  }
}

function checkFormat({ kind, format }: ExportSpec): void {
  if (!formatsOfKind[kind].includes(format)) {
    throw new UserError('invalid-argument', `« ${exportKindInfo[kind].label} » ne s’exporte pas au format ${format.toUpperCase()}.`);
  }
}

export const exportsHandlers: AreaHandlers<ExportsApi> = {
  'exports.preview': (context, spec) => {
    checkFormat(spec);
    return previewExport(context.db, spec, readSettings(context.db), context.now());
  },

  'exports.create': (context, { kind, format, selection, destination, jobId }) => {
    checkFormat({ kind, format, selection });
    // The ENT's import files carry no school identity; the others print it.
    if (kind !== 'ent-import') requireSchoolIdentity(context.db);
    return context.jobs.run(jobId ?? randomUUID(), 'export', async (job) => {
      const built = await buildExport(context.db, { kind, format, selection }, readSettings(context.db), context.now(), job);
      if (built.selected === 0) throw new UserError('not-found', 'Aucun compte ne correspond à la sélection.');
      if (built.files.length === 0) {
        throw new UserError('not-found', 'Aucun compte de la sélection n’est à créer dans l’ENT : ils y sont tous déjà, ou ce sont des invités.');
      }
      job.checkpoint();
      return { files: deliver(built.files, destination), selected: built.selected, skipped: built.skipped, skippedReason: built.skippedReason };
    });
  },

  'exports.wordTemplates': async (context, { destination }) => {
    requireSchoolIdentity(context.db);
    const school = readSettings(context.db);
    // docx loads with the first letters asked for.
    const { wordLetterTemplates } = await import('../../core/exports/word-templates.ts');
    const letters = await wordLetterTemplates(school);
    const files: FileToDeliver[] = letters.map((letter) => ({
      name: exportFileName(letterAudienceLabels[letter.audience], school, null, 'docx'),
      tag: letter.audience,
      bytes: letter.bytes,
      rows: 0,
    }));
    return { files: deliver(files, destination) };
  },
};
