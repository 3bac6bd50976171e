/**
 * A file Sésame will not import, with the French reason shown to the director. Thrown by the
 * readers; the sandbox turns it into a refused file, so nothing of that file is written.
 */
export class FileRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefusal';
  }
}

export function refuse(message: string): never {
  throw new FileRefusal(message);
}
