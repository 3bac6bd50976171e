import type { PdfResult } from '../../../../shared/api/areas/publipostage.ts';
import { leftOutMessage } from '../../../../shared/domain/distribution.ts';
import type {
  DistributionFollowUp,
  PdfOptions,
  PublipostageChoices,
  PublipostageTarget,
  SheetsPerPage,
} from '../../../../shared/domain/publipostage.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { CoreJob } from '../../lib/core-job.svelte.ts';
import { SelectionForm } from '../selection/selection-form.svelte.ts';
import { UsersListState } from '../users/users-list.svelte.ts';
import { pdfBytes, type PdfFile } from './pdf-file.ts';

/** What « Générer », « Aperçu » or « Imprimer » does with the PDF once it exists. */
export type PdfAction = 'save' | 'preview' | 'print';

/** Key order never matters when two choices are compared. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

/**
 * Publipostage des comptes, the consoles' three steps: (1) the selection (shared filter model)
 * and its sort, (2) the verification table with its counts, (3) the layout and the PDF —
 * saved, previewed (thumbnails and page viewer) or printed — and the distribution follow-up.
 *
 * One instance for the app's life (`publipostage` below), so leaving the page — for Paramètres,
 * a user sheet — keeps the selection; the school file keeps it across restarts (keptChoices).
 */
export class PublipostageState {
  readonly selection = new SelectionForm({ sort: ['class', 'profile'], activated: 'no' });
  readonly list = new UsersListState();
  layout = $state<SheetsPerPage>(8);
  coverPages = $state(false);
  handOutList = $state(false);
  readonly job = new CoreJob();
  /** The last PDF made, kept for the preview, printing and saving. */
  file = $state<PdfFile | null>(null);
  previewOpen = $state(false);
  followUp = $state<DistributionFollowUp | null>(null);
  /** The kept choices are in place (or the defaults, if none): only then are changes kept. */
  restored = $state(false);
  #defaultLayout = $state<SheetsPerPage>(8);
  #restoring: Promise<void> | null = null;
  /** Saves one after the other: the last choice made is the one kept, whatever the transport's timing. */
  #keeping: Promise<unknown> = Promise.resolve();
  #keptJson = canonical(null);
  #fileKey = '';

  readonly options: PdfOptions = $derived({ layout: this.layout, coverPages: this.coverPages, handOutList: this.handOutList });
  readonly target: PublipostageTarget = $derived({ kind: 'selection', selection: this.selection.selection });
  /** Changing the selection or the layout makes the kept PDF stale. */
  readonly key: string = $derived(JSON.stringify([this.target, this.options]));

  readonly choices: PublipostageChoices = $derived({ selection: this.selection.selection, options: this.options });
  readonly #defaults: PublipostageChoices = $derived({
    selection: this.selection.initial,
    options: { layout: this.#defaultLayout, coverPages: false, handOutList: false },
  });
  /** Anything chosen besides the page's defaults: « Réinitialiser » is offered, and the choices are kept. */
  readonly customised: boolean = $derived(canonical(this.choices) !== canonical(this.#defaults));

  get busy(): boolean {
    return this.job.running;
  }

  /** Once per run of the app: the choices kept in the school file, else the defaults (layout of Paramètres). */
  restore(): Promise<void> {
    this.#restoring ??= this.#restore();
    return this.#restoring;
  }

  async #restore(): Promise<void> {
    const [kept, settings] = await Promise.all([api.publipostage.keptChoices({}), api.publipostage.settings({})]);
    const choices = valueOrToast(kept)?.choices;
    const defaultLayout = valueOrToast(settings)?.defaultLayout;
    if (choices === undefined || defaultLayout === undefined) {
      this.#restoring = null;
      return;
    }
    this.#defaultLayout = defaultLayout;
    this.#assign(choices ?? this.#defaults);
    this.#keptJson = canonical(choices);
    this.restored = true;
  }

  /** Paramètres may have changed the default layout meanwhile: followed unless the director chose another one. */
  async loadSettings(): Promise<void> {
    const settings = valueOrToast(await api.publipostage.settings({}));
    if (!settings || !this.restored) return;
    const following = this.layout === this.#defaultLayout;
    this.#defaultLayout = settings.defaultLayout;
    if (following) this.layout = settings.defaultLayout;
  }

  /** « Réinitialiser »: the page's defaults, and nothing kept any more. */
  resetChoices(): void {
    this.#assign(this.#defaults);
  }

  /**
   * Keeps the current choices in the school file (called from an effect, so on every change);
   * the defaults are kept as nothing, so a new default layout in Paramètres still applies.
   */
  keepChoices(): void {
    if (!this.restored) return;
    const choices = this.customised ? $state.snapshot(this.choices) : null;
    const json = canonical(choices);
    if (json === this.#keptJson) return;
    this.#keptJson = json;
    this.#keeping = this.#keeping.then(async () => valueOrToast(await api.publipostage.keepChoices({ choices })));
  }

  #assign({ selection, options }: PublipostageChoices): void {
    this.selection.assign(selection);
    this.layout = options.layout;
    this.coverPages = options.coverPages;
    this.handOutList = options.handOutList;
  }

  /** Leaving the page: accounts or letter texts may change meanwhile, so the next preview is made again. */
  discardPdf(): void {
    if (this.file) void api.publipostage.discardDocument({ documentId: this.file.documentId });
    this.file = null;
    this.previewOpen = false;
  }

  async loadFollowUp(): Promise<void> {
    this.followUp = valueOrToast(await api.publipostage.followUp({})) ?? this.followUp;
  }

  /** From the follow-up: the accounts of one class still to activate, to reprint or mail their sheets. */
  selectNotActivated(className: string): void {
    this.selection.reset();
    this.selection.classes = [className];
    this.selection.activated = 'no';
    toasts.info(`Sélection : les comptes non activés de ${className}. Vérifiez-la en 2, puis imprimez ou envoyez leurs fiches.`);
  }

  /** The PDF of the current selection and layout: the kept one if nothing changed since. */
  async pdf(): Promise<PdfFile | null> {
    if (this.file && this.#fileKey === this.key) return this.file;
    if (this.busy) return null;
    const key = this.key;
    return this.job.run({ done: 0, total: this.list.total, label: 'Préparation des fiches' }, async (jobId) => {
      const result = valueOrToast(
        await api.publipostage.generate({
          jobId,
          target: $state.snapshot(this.target),
          options: $state.snapshot(this.options),
          outPath: null,
          keep: true,
        }),
      );
      if (!result?.documentId) return null;
      const leftOut = leftOutMessage(result.leftOut);
      if (leftOut) toasts.info(`Fiches faites pour ${plural(result.sheets, 'compte')}. ${leftOut}`);
      const document = valueOrToast(await api.publipostage.document({ documentId: result.documentId }));
      if (!document) return null;
      if (this.file) void api.publipostage.discardDocument({ documentId: this.file.documentId });
      this.file = { documentId: result.documentId, name: document.fileName, pages: document.pages, sheets: result.sheets, bytes: pdfBytes(document.base64), shrunk: result.shrunk };
      this.#fileKey = key;
      return this.file;
    });
  }

  static describe(result: Pick<PdfResult, 'sheets' | 'pages'>): string {
    return `${plural(result.sheets, 'fiche')} sur ${plural(result.pages, 'page')}`;
  }

  /** Ticks (or unticks) every sheet of the current selection as handed out. */
  async markHandedOut(handedOut: boolean): Promise<void> {
    const result = valueOrToast(await api.publipostage.markHandedOut({ target: $state.snapshot(this.target), handedOut }));
    if (!result) return;
    toasts.success(
      handedOut
        ? `${plural(result.changed, 'fiche marquée remise', 'fiches marquées remises')} (sur ${plural(result.accounts, 'compte sélectionné', 'comptes sélectionnés')}).`
        : `${plural(result.changed, 'fiche')} de nouveau à remettre.`,
    );
    await this.loadFollowUp();
  }
}

/** The page's state outlives the page: see PublipostageState. */
export const publipostage = new PublipostageState();
