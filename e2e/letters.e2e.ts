import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../shared/api/client.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

describe('Paramètres › Courriers: the director rewrites a letter', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
    await app.page.goto(`${app.host.origin}/#/parametres/courriers`);
  });
  afterAll(async () => {
    await app?.close();
  });

  const settings = async () => {
    const result = await createClient(inProcessTransport(app.context)).publipostage.settings({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('saves the parents’ first-connection subject and the default layout', async () => {
    const page = app.page.locator('#courriers');
    await page.getByLabel('Courrier pour').selectOption('parent');
    await page.getByLabel(/^Cas/).selectOption('notActivated');
    const subject = page.getByLabel('Objet', { exact: true });
    await subject.fill('Vos identifiants {ent} pour suivre {enfants}');
    await page.getByLabel('Présentation proposée par défaut').selectOption('2');
    await page.getByRole('button', { name: 'Enregistrer ce courrier' }).click();
    await app.page.getByText('Textes des courriers enregistrés.').waitFor();
    const saved = await settings();
    expect(saved.texts.parent.notActivated.subject).toBe('Vos identifiants {ent} pour suivre {enfants}');
    expect(saved.defaultLayout).toBe(2);
    await app.screenshot('parametres-courriers');
  });

  it('refuses an unknown field in French and keeps the saved text', async () => {
    const page = app.page.locator('#courriers');
    await page.getByLabel('Objet', { exact: true }).fill('Bonjour {prenomm}');
    await page.getByRole('button', { name: 'Enregistrer ce courrier' }).click();
    await app.page.getByText(/Champ inconnu : \{prenomm\}/).waitFor();
    expect((await settings()).texts.parent.notActivated.subject).toBe('Vos identifiants {ent} pour suivre {enfants}');
  });

  it('has no serious accessibility violation', async () => {
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });
});
