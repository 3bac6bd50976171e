import type {
  ChangeKind,
  ChangesPage,
  ImportAnalysis,
  ImportFileInput,
  ImportResult,
  ImportRunSummary,
  ResolveArg,
} from '../../../../shared/api/areas/imports.ts';
import { fileTooLargeMessage, formatMegabytes, importLimits, type ColumnMapping } from '../../../../shared/domain/imports.ts';
import type { Profile } from '../../../../shared/domain/profile.ts';
import { api, onEvent, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { CoreJob } from '../../lib/core-job.svelte.ts';

export interface ChangeFilter {
  kind: ChangeKind | '';
  profile: Profile | '';
  search: string;
}

export const changesPageSize = 100;

/** The file's bytes as base64, read by the browser (no copy through a string of bytes). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsDataURL(file);
  });
}

/**
 * Imports / Exports → Importer: the files dropped, the analysis the core made of them, the
 * director's decisions (mappings, children, hand-typed fields), then the import, its result
 * and the history with undo. One instance for the app's life (`importState` below): leaving
 * the page keeps the files and the preview until the director imports or removes them.
 */
export class ImportState {
  files = $state<File[]>([]);
  /** Files refused here, before upload (too big to send). */
  refusedHere = $state<{ name: string; message: string }[]>([]);
  analysis = $state<ImportAnalysis | null>(null);
  changes = $state<ChangesPage | null>(null);
  filter = $state<ChangeFilter>({ kind: '', profile: '', search: '' });
  otherSchoolConfirmed = $state(false);
  readonly job = new CoreJob();
  busy = $state(false);
  result = $state<ImportResult | null>(null);
  history = $state<ImportRunSummary[]>([]);
  #changesGeneration = 0;

  get canApply(): boolean {
    const analysis = this.analysis;
    if (!analysis || this.busy || analysis.blockers.length > 0 || this.refusedHere.length > 0) return false;
    return analysis.warnings.length === 0 || this.otherSchoolConfirmed;
  }

  /** Reloads the history after any change of the accounts (here or elsewhere); returns the unsubscribe function. */
  followHistory(): () => void {
    return onEvent((event) => {
      if (event.type === 'data-changed' && event.area === 'accounts') void this.loadHistory();
    });
  }

  async add(chosen: Iterable<File>): Promise<void> {
    const same = (a: File, b: File) => a.name === b.name && a.size === b.size;
    const added = [...chosen].filter((file) => !this.files.some((known) => same(known, file)));
    if (added.length === 0) return;
    this.result = null;
    this.files = [...this.files, ...added];
    await this.analyse();
  }

  async remove(index: number): Promise<void> {
    this.files = this.files.filter((_, position) => position !== index);
    await this.analyse();
  }

  async reset(): Promise<void> {
    await this.#discard();
    this.files = [];
    this.refusedHere = [];
    this.result = null;
  }

  /** Sends the files to the core's sandbox; too big ones are refused here, unsent. */
  async analyse(): Promise<void> {
    await this.#discard();
    this.refusedHere = this.files
      .filter((file) => file.size > importLimits.maxFileBytes)
      .map((file) => ({ name: file.name, message: fileTooLargeMessage(file.name, file.size) }));
    const sent = this.files.filter((file) => file.size <= importLimits.maxFileBytes);
    const total = sent.reduce((sum, file) => sum + file.size, 0);
    if (total > importLimits.maxTotalBytes) {
      toasts.error(`Ces fichiers pèsent ensemble ${formatMegabytes(total)} : importez-les en plusieurs fois (au plus ${formatMegabytes(importLimits.maxTotalBytes)} à la fois).`);
      return;
    }
    if (sent.length === 0) return;
    await this.#runJob(async (jobId) => {
      const files: ImportFileInput[] = await Promise.all(sent.map(async (file) => ({ name: file.name, base64: await base64Of(file) })));
      this.#show(valueOrToast(await api.imports.analyse({ files, jobId })));
    });
  }

  async resolve(change: Omit<ResolveArg, 'analysisId'>): Promise<void> {
    if (!this.analysis) return;
    this.#show(valueOrToast(await api.imports.resolve({ analysisId: this.analysis.analysisId, ...change })));
  }

  choose(ambiguity: string, child: string | null): Promise<void> {
    return this.resolve({ choices: [{ ambiguity, child }] });
  }

  decide(conflict: string, keep: 'current' | 'incoming'): Promise<void> {
    return this.resolve({ decisions: [{ conflict, keep }] });
  }

  map(file: number, mapping: ColumnMapping): Promise<void> {
    return this.resolve({ mappings: [{ file, mapping }] });
  }

  async refreshChanges(offset = 0): Promise<void> {
    const analysis = this.analysis;
    if (!analysis) return;
    const generation = ++this.#changesGeneration;
    const { kind, profile, search } = this.filter;
    const page = await api.imports.changes({
      analysisId: analysis.analysisId,
      offset,
      limit: changesPageSize,
      ...(kind ? { kind } : {}),
      ...(profile ? { profile } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    });
    if (generation === this.#changesGeneration) this.changes = valueOrToast(page);
  }

  async apply(): Promise<void> {
    const analysis = this.analysis;
    if (!analysis || !this.canApply) return;
    await this.#runJob(async (jobId) => {
      const result = valueOrToast(await api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: this.otherSchoolConfirmed, jobId }));
      if (!result) return;
      this.result = result;
      this.analysis = null;
      this.changes = null;
      this.files = [];
      await this.loadHistory();
    });
  }

  async undo(): Promise<boolean> {
    this.busy = true;
    try {
      const undone = valueOrToast(await api.imports.undoLast({}));
      if (!undone) return false;
      toasts.success(`Import annulé : ${undone.removed} compte(s) supprimé(s), ${undone.restored} compte(s) remis comme avant.`);
      this.result = null;
      await this.loadHistory();
      return true;
    } finally {
      this.busy = false;
    }
  }

  async loadHistory(): Promise<void> {
    this.history = valueOrToast(await api.imports.history({})) ?? this.history;
  }

  /** An analysis or an import: the screen is busy meanwhile (as during an undo, which is no job). */
  async #runJob(work: (jobId: string) => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await this.job.run({ done: 0, total: 1, label: 'Préparation' }, work);
    } catch {
      toasts.error('Les fichiers n’ont pas pu être lus par le navigateur. Choisissez-les de nouveau.');
    } finally {
      this.busy = false;
    }
  }

  #show(analysis: ImportAnalysis | null): void {
    if (!analysis) return;
    if (analysis.analysisId !== this.analysis?.analysisId) this.otherSchoolConfirmed = false;
    this.analysis = analysis;
    void this.refreshChanges();
  }

  async #discard(): Promise<void> {
    const previous = this.analysis;
    this.analysis = null;
    this.changes = null;
    if (previous) await api.imports.discard({ analysisId: previous.analysisId });
  }
}

/** The analysis lives in the core's session: the files and the preview that show it live as long. */
export const importState = new ImportState();
