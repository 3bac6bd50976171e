import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';
import type { AccountListItem, ClassSummary } from '../../domain/account.ts';
import { bulkActions, type AccountSheet, type BulkAction, type BulkOutcome, type TeacherClassMatrix } from '../../domain/account-sheet.ts';
import type { JournalPage } from '../../domain/journal.ts';
import type { EntTodoEffect, StatusChange } from '../../domain/ent-todo.ts';
import { accountFilterSchema, accountSortSchema, type AccountFilter, type AccountSort } from '../../domain/selection.ts';

export interface ListQuery {
  filter: AccountFilter;
  sort: AccountSort;
  offset: number;
  limit: number;
}

export interface ListPage {
  /** Accounts matching the filter (« N comptes sélectionnés au total »). */
  total: number;
  /** Of those, how many have no e-mail address (« M comptes sans adresse courriel »). */
  withoutEmail: number;
  /** Of those, how many are not in the ENT yet: no sheet, mail or code for them. */
  notInEnt: number;
  offset: number;
  items: AccountListItem[];
}

/** A change that may find nothing to do (already blocked, already in that class…). */
export interface Changed {
  changed: boolean;
}

export interface DirectoryApi {
  'directory.list'(arg: ListQuery): ListPage;
  'directory.classes'(arg: NoArg): ClassSummary[];
  /** Every account id the filter selects, in list order (« tout cocher »). */
  'directory.selectIds'(arg: { filter: AccountFilter; sort: AccountSort }): number[];
  /** The search box: best matches first (accent-, case- and hyphen-insensitive prefixes). */
  'directory.search'(arg: { text: string; limit: number }): AccountListItem[];
  /** The user sheet (fiche). */
  'directory.get'(arg: { id: number }): AccountSheet;
  /** Saves fields typed on the sheet; '' clears a field. Answers the fields changed. */
  'directory.update'(arg: { id: number; email?: string; phone?: string; alias?: string; localAdmin?: boolean }): { changed: string[] };
  'directory.attachClass'(arg: { id: number; classId: number }): Changed;
  'directory.detachClass'(arg: { id: number; classId: number }): Changed;
  'directory.linkGuardian'(arg: { guardianId: number; childId: number }): Changed;
  'directory.unlinkGuardian'(arg: { guardianId: number; childId: number }): Changed;
  /** Blocks in Sésame (no sheet) and puts « Bloquer le compte » on the list of things to do in the ENT. */
  'directory.setBlocked'(arg: { id: number; blocked: boolean }): StatusChange;
  /** Pre-deletes in Sésame (purged for good 90 days later unless restored), to do in the ENT too. */
  'directory.preDelete'(arg: { id: number }): StatusChange;
  'directory.restore'(arg: { id: number }): StatusChange;
  /**
   * « Mot de passe oublié »: the letter for the renewal code the ENT console gave, typed by the
   * director, as a PDF kept for the preview (publipostage.document). The code is not stored.
   */
  'directory.renewalSheet'(arg: { id: number; code: string }): { documentId: string; fileName: string; pages: number };
  /** The same letter mailed once to the account's address. The code is not stored. */
  'directory.mailRenewalSheet'(arg: { id: number; code: string; password?: string }): { to: string };
  'directory.createGuest'(arg: { lastName: string; firstName: string; email?: string; phone?: string }): {
    id: number;
    /** Provisional: the ENT gives the real login and code when the guest is created there. */
    login: string;
  };
  /** Merges the duplicate `removeId` into `keepId`, then deletes it; a duplicate the ENT holds is to merge there too. */
  'directory.merge'(arg: { keepId: number; removeId: number }): {
    keptId: number;
    classes: number;
    guardians: number;
    children: number;
    entTodo: EntTodoEffect;
  };
  /** The list's actions on the ticked accounts. */
  'directory.bulk'(arg: { ids: number[]; action: BulkAction; classId?: number }): BulkOutcome;
  /** Newest first; one account's entries (accountId) or the whole school's. */
  'directory.journal'(arg: { accountId?: number; offset: number; limit: number }): JournalPage;
  /** The journal as a CSV file (UTF-8 with BOM, « ; »), for Excel. */
  'directory.exportJournal'(arg: { accountId?: number }): { fileName: string; content: string };
  /** Rentrée: teachers × classes. */
  'directory.teacherClasses'(arg: NoArg): TeacherClassMatrix;
  /** Each listed teacher ends up in exactly those classes. Answers the number of links changed. */
  'directory.setTeacherClasses'(arg: { assignments: { teacherId: number; classIds: number[] }[] }): { changed: number };
  /** « Copier l'année précédente »: last year's teacher ↔ class links made again. */
  'directory.copyLastYear'(arg: NoArg): { attached: number };
}

const id = z.number().int().positive();
const name = z.string().max(100);
/** As typed: checked and explained in French by the core (shared/domain/ent-code.ts). */
const renewalCode = z.string().max(40);

export const directorySchemas = {
  'directory.list': z
    .object({
      filter: accountFilterSchema,
      sort: accountSortSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(50_000),
    })
    .strict(),
  'directory.classes': noArg,
  'directory.selectIds': z.object({ filter: accountFilterSchema, sort: accountSortSchema }).strict(),
  'directory.search': z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(100) }).strict(),
  'directory.get': z.object({ id }).strict(),
  'directory.update': z
    .object({
      id,
      email: z.string().max(300).optional(),
      phone: z.string().max(40).optional(),
      alias: z.string().max(100).optional(),
      localAdmin: z.boolean().optional(),
    })
    .strict(),
  'directory.attachClass': z.object({ id, classId: id }).strict(),
  'directory.detachClass': z.object({ id, classId: id }).strict(),
  'directory.linkGuardian': z.object({ guardianId: id, childId: id }).strict(),
  'directory.unlinkGuardian': z.object({ guardianId: id, childId: id }).strict(),
  'directory.setBlocked': z.object({ id, blocked: z.boolean() }).strict(),
  'directory.preDelete': z.object({ id }).strict(),
  'directory.restore': z.object({ id }).strict(),
  'directory.renewalSheet': z.object({ id, code: renewalCode }).strict(),
  'directory.mailRenewalSheet': z.object({ id, code: renewalCode, password: z.string().max(500).optional() }).strict(),
  'directory.createGuest': z
    .object({ lastName: name, firstName: name, email: z.string().max(300).optional(), phone: z.string().max(40).optional() })
    .strict(),
  'directory.merge': z.object({ keepId: id, removeId: id }).strict(),
  'directory.bulk': z.object({ ids: z.array(id).min(1).max(50_000), action: z.enum(bulkActions), classId: id.optional() }).strict(),
  'directory.journal': z.object({ accountId: id.optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(1_000) }).strict(),
  'directory.exportJournal': z.object({ accountId: id.optional() }).strict(),
  'directory.teacherClasses': noArg,
  'directory.setTeacherClasses': z
    .object({ assignments: z.array(z.object({ teacherId: id, classIds: z.array(id).max(500) }).strict()).min(1).max(2_000) })
    .strict(),
  'directory.copyLastYear': noArg,
} satisfies ArgSchemas<DirectoryApi>;
