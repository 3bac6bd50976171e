import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesameOn } from '../../test-support/cli.ts';

describe('sesame todo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-cli-todo-'));
  const db = join(dir, 'ecole.db');
  const run = (...argv: string[]) => sesameOn(db, ...argv);

  beforeAll(async () => {
    expect((await run('demo')).code).toBe(0);
    expect((await run('api', 'directory.createGuest', '{"lastName":"Stagiaire","firstName":"Pierre","email":"p@ac-nice.example"}')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists what is to do in the ENT, writes the checklist and the guests’ import file, and closes an item', async () => {
    const listed = await run('todo');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('Enregistré dans Sésame — à faire dans l’ENT : 1 action(s) en attente.');
    expect(listed.out).toMatch(/^\s+1 {2}Créer le compte invité\s+STAGIAIRE Pierre \(Invité, pierre\.stagiaire\d*\) — enregistré le \d{2}\/\d{2}\/\d{4} par .+ — à faire$/m);

    const pdf = join(dir, 'a-faire.pdf');
    expect((await run('todo', '--checklist', pdf)).out).toContain('(1 action(s), 1 page(s))');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = join(dir, 'invites.csv');
    expect((await run('todo', '--guests', csv)).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe('\ufeffNom;Prénom;Courriel;Téléphone\r\nSTAGIAIRE;Pierre;p@ac-nice.example;\r\n');

    expect((await run('todo', '--done', 'x')).code).toBe(2);
    expect((await run('todo', '--done', '1')).out).toBe('1 tâche(s) notée(s) « Fait dans l’ENT ».');
    expect((await run('todo')).out).toBe('Enregistré dans Sésame — à faire dans l’ENT : 0 action(s) en attente.');
    expect((await run('todo', '--all', '--json')).out).toContain('"closure": "done"');
    expect((await run('todo', '--checklist', pdf)).code).toBe(1);
  });
});
