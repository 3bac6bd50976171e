import { randomUUID } from 'node:crypto';
import type { ImportsApi } from '../../../shared/api/areas/imports.ts';
import { formatMegabytes, importLimits } from '../../../shared/domain/imports.ts';
import { backupSchoolFile } from '../../core/db/backup.ts';
import { applyImport, ImportRefused, planWritesSomething } from '../../core/imports/apply.ts';
import { listImportRuns } from '../../core/imports/runs.ts';
import { analysisOf, changesPage, ImportSessions, readAndPlan, replan, sessionPreview, sessionState, type ImportSession } from '../../core/imports/session.ts';
import { lastUndoableRun, undoBlocker, undoImport } from '../../core/imports/undo.ts';
import type { CoreContext } from '../context.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';

const sessionsByContext = new WeakMap<CoreContext, ImportSessions>();

function sessions(context: CoreContext): ImportSessions {
  let found = sessionsByContext.get(context);
  if (!found) {
    found = new ImportSessions();
    sessionsByContext.set(context, found);
  }
  return found;
}

function session(context: CoreContext, analysisId: string): ImportSession {
  const found = sessions(context).get(analysisId);
  if (!found) throw new UserError('not-found', 'Cette analyse n’est plus disponible : déposez de nouveau les fichiers à importer.');
  return found;
}

async function backup(context: CoreContext): Promise<string | null> {
  if (context.filePath === ':memory:') return null;
  return backupSchoolFile(context.db, context.filePath, 'import', context.now());
}

function announceChanges(context: CoreContext): void {
  context.events.emit({ type: 'data-changed', area: 'accounts' });
  context.events.emit({ type: 'data-changed', area: 'classes' });
  // An import may fill in the school's UAI; undoing it empties it again.
  context.events.emit({ type: 'data-changed', area: 'settings' });
}

export const importsHandlers: AreaHandlers<ImportsApi> = {
  'imports.analyse': (context, { files, jobId }) => {
    const inputs = files.map((file) => ({ name: file.name, bytes: Buffer.from(file.base64, 'base64') }));
    const total = inputs.reduce((sum, input) => sum + input.bytes.length, 0);
    if (total > importLimits.maxTotalBytes) {
      throw new UserError(
        'invalid-argument',
        `Ces fichiers pèsent ensemble ${formatMegabytes(total)} : importez-les en plusieurs fois (au plus ${formatMegabytes(importLimits.maxTotalBytes)} à la fois).`,
      );
    }
    return context.jobs.run(jobId ?? randomUUID(), 'import', async (job) => {
      const steps = inputs.length + 1;
      job.progress(0, steps, 'Lecture des fichiers');
      const { files: parsed, planned } = await readAndPlan(context.db, inputs, {
        signal: job.signal,
        onProgress: (done, _total, name) => job.progress(done, steps, `Lecture de ${name}`),
      });
      job.checkpoint();
      job.progress(inputs.length, steps, 'Préparation de l’aperçu');
      return analysisOf(sessions(context).open(context.db, parsed, planned));
    });
  },

  'imports.changes': (context, query) => changesPage(session(context, query.analysisId), query),

  'imports.resolve': (context, { analysisId, mappings, choices, decisions, replaceDemo }) => {
    const current = session(context, analysisId);
    for (const { file, mapping } of mappings ?? []) {
      if (current.files[file]?.kind !== 'table') throw new UserError('invalid-argument', 'Ce fichier n’a pas de colonnes à associer.');
      current.mappings.set(file, mapping);
    }
    for (const { ambiguity, child } of choices ?? []) current.choices.set(ambiguity, child);
    for (const { conflict, keep } of decisions ?? []) current.decisions.set(conflict, keep);
    // Planned afresh on an empty school: earlier choices were about the demo's accounts.
    if (replaceDemo !== undefined && replaceDemo !== current.replaceDemo) {
      current.replaceDemo = replaceDemo;
      current.choices.clear();
      current.decisions.clear();
    }
    replan(context.db, current);
    return analysisOf(current);
  },

  'imports.apply': (context, { analysisId, acceptOtherSchool, jobId }) => {
    const current = session(context, analysisId);
    if (current.plan.blockers.length > 0) throw new UserError('invalid-file', `Rien n’a été importé. ${current.plan.blockers.join(' ')}`);
    if (current.plan.warnings.length > 0 && !acceptOtherSchool) {
      throw new UserError('conflict', `Rien n’a été importé. ${current.plan.warnings.map((warning) => warning.message).join(' ')}`);
    }
    return context.jobs.run(jobId ?? randomUUID(), 'import', async (job) => {
      job.progress(0, 2, 'Sauvegarde du fichier d’école');
      const backupPath = planWritesSomething(current.plan, current.summary) ? await backup(context) : null;
      job.checkpoint();
      job.progress(1, 2, 'Enregistrement des comptes');
      try {
        const result = applyImport(context.db, current.files, sessionState(current), {
          now: context.now(),
          actor: context.actor,
          backupPath,
          acceptOtherSchool,
          preview: sessionPreview(current),
        });
        job.progress(2, 2, 'Import terminé');
        sessions(context).discard(analysisId);
        if (result.runId !== null) announceChanges(context);
        return result;
      } catch (error) {
        if (error instanceof ImportRefused) throw new UserError('conflict', error.message);
        throw error;
      }
    });
  },

  'imports.discard': (context, { analysisId }) => ({ discarded: sessions(context).discard(analysisId) }),

  'imports.undoLast': async (context) => {
    const run = lastUndoableRun(context.db);
    if (!run) throw new UserError('not-found', 'Aucun import à annuler.');
    const blocker = undoBlocker(context.db, run);
    if (blocker) throw new UserError('conflict', blocker);
    await backup(context);
    const result = undoImport(context.db, run, context.now(), context.actor);
    announceChanges(context);
    return result;
  },

  'imports.history': ({ db }) => listImportRuns(db),
};
