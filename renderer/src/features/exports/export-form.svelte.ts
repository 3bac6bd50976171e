import {
  exportKindInfo,
  formatsOfKind,
  letterAudienceLabels,
  letterAudiences,
  type ExportFormat,
  type ExportKind,
  type ExportPreview,
  type ExportSpec,
} from '../../../../shared/domain/exports.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { CoreJob } from '../../lib/core-job.svelte.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { SelectionForm } from '../selection/selection-form.svelte.ts';
import { chooseSaveTarget } from './save-files.ts';

/** A browser download of several files comes as one zip (no « multiple downloads » prompt). */
function zipName(label: string, schoolName: string): string {
  return `${[label, schoolName.trim()].filter(Boolean).join(' - ').replace(/[\\/:*?"<>|]/g, ' ')}.zip`;
}

/**
 * Imports / Exports → Exporter: the selection (shared filter model), the kind and format, the
 * preview of what will be written, and the export itself with its progress.
 */
export class ExportFormState {
  kind = $state<ExportKind>('word');
  format = $state<ExportFormat>('xlsx');
  readonly selection = new SelectionForm({ sort: ['class', 'profile'] });
  preview = $state<ExportPreview | null>(null);
  readonly job = new CoreJob();
  savingTemplates = $state(false);
  #generation = 0;

  readonly spec: ExportSpec = $derived({ kind: this.kind, format: this.format, selection: this.selection.selection });

  get busy(): boolean {
    return this.job.running;
  }

  chooseKind(kind: ExportKind): void {
    this.kind = kind;
    if (!formatsOfKind[kind].includes(this.format)) this.format = formatsOfKind[kind][0] ?? 'csv';
  }

  /** Keeps the preview in step with the form; a late answer to an older form is dropped. */
  async refreshPreview(spec: ExportSpec): Promise<void> {
    const generation = ++this.#generation;
    const result = await api.exports.preview(spec);
    if (generation === this.#generation) this.preview = valueOrToast(result);
  }

  async save(schoolName: string): Promise<void> {
    const files = this.preview?.files ?? [];
    if (!files.length || this.busy) return;
    const spec = $state.snapshot(this.spec);
    const target = await chooseSaveTarget(
      files.map((file) => file.name),
      zipName(exportKindInfo[spec.kind].label, schoolName),
    );
    if (!target) return;
    await this.job.run({ done: 0, total: this.preview?.selected ?? 0, label: 'Préparation' }, async (jobId) => {
      try {
        const outcome = valueOrToast(await api.exports.create({ ...spec, destination: { to: 'download' }, jobId }));
        if (!outcome) return;
        await target.write(outcome.files);
        const [first] = outcome.files;
        toasts.success(
          outcome.files.length === 1 && first
            ? `Fichier ${target.verb} : ${first.name} (${plural(first.rows, 'compte')}).`
            : `${plural(outcome.files.length, `fichier ${target.verb}`, `fichiers ${target.verb}s`)} (${plural(outcome.selected - outcome.skipped, 'compte')}).`,
        );
      } catch {
        toasts.error('Le fichier n’a pas pu être enregistré à cet endroit. Choisissez un autre dossier.');
      }
    });
  }

  async saveTemplates(schoolName: string): Promise<void> {
    const target = await chooseSaveTarget(
      letterAudiences.map((audience) => letterAudienceLabels[audience]),
      zipName('Lettres types Word', schoolName),
    );
    if (!target) return;
    this.savingTemplates = true;
    try {
      const result = valueOrToast(await api.exports.wordTemplates({ destination: { to: 'download' } }));
      if (!result) return;
      await target.write(result.files);
      toasts.success(`Les 3 lettres types sont ${target.verb === 'enregistré' ? 'enregistrées' : 'téléchargées'}.`);
    } catch {
      toasts.error('Les lettres n’ont pas pu être enregistrées à cet endroit. Choisissez un autre dossier.');
    } finally {
      this.savingTemplates = false;
    }
  }
}
