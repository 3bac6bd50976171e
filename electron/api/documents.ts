import { randomBytes } from 'node:crypto';
import type { CoreContext } from './context.ts';

/**
 * Generated PDFs kept in memory for the preview, never on disk: they hold activation codes.
 * The id is an unguessable token; only the last few documents are kept.
 */
export interface KeptDocument {
  fileName: string;
  pages: number;
  bytes: Uint8Array;
}

const kept = 3;

export class DocumentStore {
  #documents = new Map<string, KeptDocument>();

  keep(document: KeptDocument): string {
    const id = randomBytes(18).toString('base64url');
    this.#documents.set(id, document);
    while (this.#documents.size > kept) {
      const oldest = this.#documents.keys().next().value as string;
      this.#documents.delete(oldest);
    }
    return id;
  }

  get(id: string): KeptDocument | undefined {
    return this.#documents.get(id);
  }

  discard(id: string): boolean {
    return this.#documents.delete(id);
  }
}

const stores = new WeakMap<CoreContext, DocumentStore>();

export function documentsOf(context: CoreContext): DocumentStore {
  let store = stores.get(context);
  if (!store) {
    store = new DocumentStore();
    stores.set(context, store);
  }
  return store;
}
