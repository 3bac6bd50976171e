import { writeFile } from 'node:fs/promises';
import { entTodoClosureLabels, entTodoLabels, recordedLocally, type EntTodo } from '../../../shared/domain/ent-todo.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import { documentsOf } from '../../api/documents.ts';
import { unwrap, type CliCommand } from '../command.ts';
import { CommandError, UsageError } from '../usage.ts';

const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function line(item: EntTodo): string {
  const who = `${item.account.lastName} ${item.account.firstName} (${profileLabels[item.account.profile]}, ${item.account.login})`;
  const merged = item.merged ? ` ← doublon ${item.merged.lastName} ${item.merged.firstName} (${item.merged.login})` : '';
  const state = item.closure ? `${entTodoClosureLabels[item.closure]} le ${day(item.closedAt ?? '')}` : 'à faire';
  return `${String(item.id).padStart(4)}  ${entTodoLabels[item.kind].padEnd(24)}  ${who}${merged} — enregistré le ${day(item.createdAt)} par ${item.createdBy} — ${state}`;
}

async function write(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch {
    throw new CommandError(`Impossible d’écrire ${path} : dossier introuvable, protégé ou plein.`);
  }
}

/** `sesame todo`: « À faire dans l'ENT » from the command line (list, « Fait dans l'ENT », checklist, guests' file). */
export const todoCommand: CliCommand = {
  options: { all: { type: 'boolean' }, done: { type: 'string' }, checklist: { type: 'string' }, guests: { type: 'string' }, json: { type: 'boolean' } },
  async run({ api, context, out }, values) {
    if (typeof values['done'] === 'string') {
      const ids = values['done'].split(',').map(Number);
      if (ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new UsageError('--done attend des numéros de tâche séparés par des virgules (ex. : --done 3,4).');
      const { closed } = unwrap(await api.entTodo.markDone({ ids }));
      out(`${closed} tâche(s) notée(s) « Fait dans l’ENT ».`);
      return;
    }
    if (typeof values['checklist'] === 'string') {
      const checklist = unwrap(await api.entTodo.checklist({}));
      const document = documentsOf(context).get(checklist.documentId);
      if (!document) throw new CommandError('La liste n’a pas pu être préparée.');
      await write(values['checklist'], document.bytes);
      out(`Liste à cocher écrite : ${values['checklist']} (${checklist.items} action(s), ${checklist.pages} page(s)).`);
      return;
    }
    if (typeof values['guests'] === 'string') {
      const file = unwrap(await api.entTodo.guestImportFile({}));
      await write(values['guests'], Buffer.from(file.base64, 'base64'));
      out(`Fichier d’import des invités écrit : ${values['guests']} (${file.rows} invité(s), profil « Invité » dans la console).`);
      return;
    }
    const page = unwrap(await api.entTodo.list({ state: values['all'] ? 'all' : 'open', offset: 0, limit: 5_000 }));
    if (values['json']) {
      out(JSON.stringify(page.items, null, 2));
      return;
    }
    out(`${recordedLocally} : ${page.open} action(s) en attente.`);
    for (const item of page.items) out(line(item));
  },
};
