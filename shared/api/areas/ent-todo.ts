import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';
import { entTodoKinds, entTodoStates, type EntTodoKind, type EntTodoPage, type EntTodoState } from '../../domain/ent-todo.ts';

export interface EntTodoQuery {
  state: EntTodoState;
  /** No kinds: every kind. */
  kinds?: EntTodoKind[];
  /** One account's items (its user sheet). */
  accountId?: number;
  offset: number;
  limit: number;
}

/** The checklist PDF, kept for the preview: read it with publipostage.document. */
export interface EntTodoChecklist {
  documentId: string;
  fileName: string;
  pages: number;
  items: number;
}

/** « À faire dans l'ENT » (shared/domain/ent-todo.ts). */
export interface EntTodoApi {
  /** Open items first, oldest first, then the closed ones. */
  'entTodo.list'(arg: EntTodoQuery): EntTodoPage;
  /** « Fait dans l'ENT »: the director did these in the console. Answers how many it closed. */
  'entTodo.markDone'(arg: { ids: number[] }): { closed: number };
  /** Ticked by mistake: open again. */
  'entTodo.reopen'(arg: { id: number }): { changed: boolean };
  /** The printable checklist with the console's steps: the items `ids`, or every open one. */
  'entTodo.checklist'(arg: { ids?: number[] }): EntTodoChecklist;
  /** The ENT Core import file (profile « Invité ») of the guests still to create, base64. */
  'entTodo.guestImportFile'(arg: NoArg): { fileName: string; rows: number; base64: string };
}

const id = z.number().int().positive();

export const entTodoSchemas = {
  'entTodo.list': z
    .object({
      state: z.enum(entTodoStates),
      kinds: z.array(z.enum(entTodoKinds)).max(entTodoKinds.length).optional(),
      accountId: id.optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5_000),
    })
    .strict(),
  'entTodo.markDone': z.object({ ids: z.array(id).min(1).max(5_000) }).strict(),
  'entTodo.reopen': z.object({ id }).strict(),
  'entTodo.checklist': z.object({ ids: z.array(id).min(1).max(5_000).optional() }).strict(),
  'entTodo.guestImportFile': noArg,
} satisfies ArgSchemas<EntTodoApi>;
