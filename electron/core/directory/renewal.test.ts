import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRenewalCode } from '../../../shared/domain/ent-code.ts';
import { value } from '../../test-support/given-school.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { buildSchool, type BuiltSchool } from '../../test-support/school-builder.ts';
import { startTestSmtp, type TestSmtpServer } from '../../test-support/smtp.ts';

describe('a renewal code as the director types it from the ENT console', () => {
  it.each([
    ['3d3nbrm8', '3d3nbrm8'],
    ['  3D3N BRM8 ', '3d3nbrm8'],
    ['3d3n-brm8', '3d3nbrm8'],
    ['ｋ７ｍｐｗ４ｒａ', 'k7mpw4ra'],
  ])('takes « %s » as %s', (typed, code) => {
    expect(checkRenewalCode(typed)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'Saisissez le code de renouvellement affiché par la console de l’ENT.'],
    ['3d3nbrm', 'Un code de l’ENT compte 8 caractères ; celui-ci en a 7. Vérifiez qu’il est recopié en entier.'],
    ['3d3nbrm8k', 'Un code de l’ENT compte 8 caractères ; celui-ci en a 9. Vérifiez qu’il est recopié en entier.'],
    ['3d3nbrmo', 'Le caractère « o » n’apparaît jamais dans un code de l’ENT (ni accents, ni 0 1 2 i l o q u, qu’on confond avec d’autres) : recopiez le code tel que la console l’affiche.'],
    ['l0d3nbrm', 'Les caractères « l », « 0 » n’apparaissent jamais dans un code de l’ENT (ni accents, ni 0 1 2 i l o q u, qu’on confond avec d’autres) : recopiez le code tel que la console l’affiche.'],
  ])('refuses « %s » and says why', (typed, message) => {
    expect(checkRenewalCode(typed)).toEqual({ ok: false, message });
  });
});

describe('the renewal sheet of one person, from the code the ENT console gave', () => {
  let school: BuiltSchool;
  let emma: number;
  let smtp: TestSmtpServer | null = null;

  beforeEach(async () => {
    school = await buildSchool();
    emma = school.add({ first: 'Emma', last: 'MARTIN', classes: ['CP A'], activated: true });
  });

  afterEach(async () => {
    await smtp?.close();
    smtp = null;
  });

  /** Every value of every table, to prove the code was kept nowhere. */
  function wholeFile(): string {
    const tables = school.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'account_fts%'").pluck().all() as string[];
    return tables.map((table) => JSON.stringify(school.db.prepare(`SELECT * FROM "${table}"`).all())).join('\n');
  }

  it('prints one A4 letter with the login, the code and the console’s steps, keeps no trace of the code, and journals the sheet', async () => {
    const sheet = value(await school.api.directory.renewalSheet({ id: emma, code: ' 3D3N BRM8 ' }));
    expect(sheet).toMatchObject({ fileName: `renouvellement-${school.account(emma).login}.pdf`, pages: 1 });

    const document = value(await school.api.publipostage.document({ documentId: sheet.documentId }));
    const pdf = new PopplerFile(Buffer.from(document.base64, 'base64'));
    try {
      const text = pdf.text().replace(/\s+/g, ' ');
      expect(text).toContain('Objet : mot de passe oublié — code de renouvellement');
      expect(text).toContain('Emma MARTIN');
      expect(text).toContain(school.account(emma).login);
      expect(text).toContain('3d3nbrm8');
      expect(text).toContain('Saisissez votre identifiant, puis le code de renouvellement à la place du mot de passe.');
      expect(text).toContain('ent.ecole.example');
      expect(pdf.pageCount()).toBe(1);
      expect(pdf.fonts().map((font) => font.embedded && font.unicode)).not.toContain(false);
    } finally {
      pdf.dispose();
    }

    expect(wholeFile()).not.toContain('3d3nbrm8');
    const journal = value(await school.api.directory.journal({ accountId: emma, offset: 0, limit: 1 })).items[0];
    expect(journal).toMatchObject({ action: 'account.renewalSheet', actor: 'directrice', after: { delivery: 'pdf' } });
    expect(journal?.summary).toBe('Fiche de renouvellement du mot de passe produite (PDF) — code donné par la console de l’ENT, non conservé');
    expect(value(await school.api.directory.get({ id: emma })).renewal).toEqual({ at: '2026-09-01T08:00:00.000Z', actor: 'directrice', delivery: 'pdf', to: null });
  });

  it('refuses, in French and writing nothing, a code the ENT cannot have given, an account not in the ENT yet, or a blocked one', async () => {
    const journalSize = () => school.db.prepare('SELECT count(*) FROM journal').pluck().get();
    const before = journalSize();
    expect(await school.api.directory.renewalSheet({ id: emma, code: '3d3nbrm' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('8 caractères') } });

    const lucas = school.addAccount({ firstName: 'Lucas', lastName: 'PETIT', source: 'ONDE', activationCode: null, entStatus: 'pending' });
    expect(await school.api.directory.renewalSheet({ id: lucas, code: '3d3nbrm8' })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Lucas PETIT n’est pas encore dans l’ENT : il n’y a pas de mot de passe à renouveler. Importez le prochain export des comptes de l’ENT.' },
    });
    expect(journalSize()).toBe(before);

    value(await school.api.directory.setBlocked({ id: emma, blocked: true }));
    expect(await school.api.directory.renewalSheet({ id: emma, code: '3d3nbrm8' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('est bloqué') } });
  });

  it('mails the letter once to the person’s address, through a real SMTP server, and keeps the code nowhere', async () => {
    smtp = await startTestSmtp();
    value(await school.api.mail.updateSettings({ smtp: smtp.settings() }));
    value(await school.api.directory.update({ id: emma, email: 'emma.martin@famille.example' }));

    expect(value(await school.api.directory.mailRenewalSheet({ id: emma, code: '3d3nbrm8' }))).toEqual({ to: 'emma.martin@famille.example' });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['emma.martin@famille.example']);
    expect(mail?.subject).toBe('Mot de passe oublié : votre code de renouvellement ONE – École élémentaire Jules Ferry');
    expect(mail?.text).toContain('Code de renouvellement : 3d3nbrm8');
    expect(mail?.text).toContain(`Identifiant : ${school.account(emma).login}`);
    expect(mail?.text).toContain('1. Rendez-vous sur https://ent.ecole.example.');
    expect(wholeFile()).not.toContain('3d3nbrm8');
    const journal = value(await school.api.directory.journal({ accountId: emma, offset: 0, limit: 1 })).items[0];
    expect(journal?.summary).toBe('Fiche de renouvellement du mot de passe envoyée par courriel à emma.martin@famille.example — code donné par la console de l’ENT, non conservé');
  });

  it('does not mail a person without an address, and says to print instead', async () => {
    smtp = await startTestSmtp();
    value(await school.api.mail.updateSettings({ smtp: smtp.settings() }));
    expect(await school.api.directory.mailRenewalSheet({ id: emma, code: '3d3nbrm8' })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Emma MARTIN n’a pas d’adresse de courriel valide : imprimez la fiche (PDF) et remettez-la en main propre.' },
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('says plainly when the server refuses the address, and does not claim it was sent', async () => {
    smtp = await startTestSmtp({ rcpt: () => ({ code: 550, message: '5.1.1 Unknown user' }) });
    value(await school.api.mail.updateSettings({ smtp: smtp.settings() }));
    value(await school.api.directory.update({ id: emma, email: 'inconnue@famille.example' }));
    const result = await school.api.directory.mailRenewalSheet({ id: emma, code: '3d3nbrm8' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Le courriel n’a pas été envoyé. Adresse refusée par le serveur') } });
    const journal = value(await school.api.directory.journal({ accountId: emma, offset: 0, limit: 5 }));
    expect(journal.items.some((item) => item.action === 'account.renewalSheet')).toBe(false);
  });
});
