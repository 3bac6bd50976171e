import type { ClassSummary, EntStatus } from '../../../../shared/domain/account.ts';
import type { Profile } from '../../../../shared/domain/profile.ts';
import type { AccountFilter, AccountSort, Selection, YesNo } from '../../../../shared/domain/selection.ts';
import { api, valueOrToast } from '../../lib/api.ts';

/**
 * The consoles' « Filtrer la liste à publiposter », shared by Publipostage, Exporter and the
 * mail step: every filter of the shared model plus the two sort keys. Empty = everyone.
 */
export class SelectionForm {
  // Absent (undefined) means no filter, as in the filter model the controls edit.
  profiles = $state<Profile[]>();
  classes = $state<string[]>();
  levels = $state<string[]>();
  sources = $state<string[]>();
  activated = $state<YesNo>();
  email = $state<YesNo>();
  localAdmin = $state<YesNo>();
  blocked = $state<YesNo>();
  preDeleted = $state<YesNo>();
  handedOut = $state<YesNo>();
  entStatus = $state<EntStatus>();
  createdBefore = $state<string>();
  createdSince = $state<string>();
  search = $state('');
  sort = $state<AccountSort>(['none', 'none']);
  classList = $state<ClassSummary[]>([]);

  /** What the form opens on, and what « Réinitialiser » brings back. */
  readonly initial: Selection;

  constructor(initial: { sort?: AccountSort; activated?: YesNo } = {}) {
    this.initial = { filter: initial.activated ? { activated: initial.activated } : {}, sort: initial.sort ?? ['none', 'none'] };
    this.assign(this.initial);
  }

  readonly filter: AccountFilter = $derived({
    ...(this.profiles?.length ? { profiles: [...this.profiles] } : {}),
    ...(this.classes?.length ? { classes: [...this.classes] } : {}),
    ...(this.levels?.length ? { levels: [...this.levels] } : {}),
    ...(this.sources?.length ? { sources: [...this.sources] } : {}),
    ...(this.activated ? { activated: this.activated } : {}),
    ...(this.email ? { email: this.email } : {}),
    ...(this.localAdmin ? { localAdmin: this.localAdmin } : {}),
    ...(this.blocked ? { blocked: this.blocked } : {}),
    ...(this.preDeleted ? { preDeleted: this.preDeleted } : {}),
    ...(this.handedOut ? { handedOut: this.handedOut } : {}),
    ...(this.entStatus ? { entStatus: this.entStatus } : {}),
    ...(this.createdBefore ? { createdBefore: this.createdBefore } : {}),
    ...(this.createdSince ? { createdSince: this.createdSince } : {}),
    ...(this.search.trim() ? { search: this.search.trim() } : {}),
  });

  readonly selection: Selection = $derived({ filter: this.filter, sort: [...this.sort] });

  /** How many of the « more filters » are set, to say so on the closed disclosure. */
  readonly advancedCount: number = $derived(
    [this.localAdmin, this.blocked, this.preDeleted, this.handedOut, this.entStatus, this.createdBefore, this.createdSince].filter(Boolean).length +
      (this.levels?.length ?? 0) +
      (this.sources?.length ?? 0),
  );

  async loadClasses(): Promise<void> {
    this.classList = valueOrToast(await api.directory.classes({})) ?? [];
  }

  /** Sets every control from a selection: a kept one, or the initial one. */
  assign({ filter, sort }: Selection): void {
    this.profiles = filter.profiles && [...filter.profiles];
    this.classes = filter.classes && [...filter.classes];
    this.levels = filter.levels && [...filter.levels];
    this.sources = filter.sources && [...filter.sources];
    this.activated = filter.activated;
    this.email = filter.email;
    this.localAdmin = filter.localAdmin;
    this.blocked = filter.blocked;
    this.preDeleted = filter.preDeleted;
    this.handedOut = filter.handedOut;
    this.entStatus = filter.entStatus;
    this.createdBefore = filter.createdBefore;
    this.createdSince = filter.createdSince;
    this.search = filter.search ?? '';
    this.sort = [...sort];
  }

  /** « Tout effacer »: no filter (everyone), the sort kept. */
  reset(): void {
    this.profiles = this.classes = this.levels = this.sources = undefined;
    this.activated = this.email = this.localAdmin = this.blocked = this.preDeleted = this.handedOut = undefined;
    this.entStatus = undefined;
    this.createdBefore = this.createdSince = undefined;
    this.search = '';
  }
}
