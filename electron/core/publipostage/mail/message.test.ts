import { describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../../../shared/domain/account.ts';
import { defaultMailTemplates } from '../../../../shared/domain/mail.ts';
import { defaultSchoolSettings } from '../../../../shared/domain/settings.ts';
import { sheetFrame } from '../sheet-model.ts';
import { mailCaseOf, mailPlaceholderValues, renderMail } from './message.ts';

const frame = sheetFrame({ ...defaultSchoolSettings, schoolName: 'École Jules-Ferry', entName: 'ONE', entUrl: 'https://ent.exemple.fr' }, '2026-09-01');

function account(overrides: Partial<AccountListItem> = {}): AccountListItem {
  return {
    id: 1,
    profile: 'relative',
    lastName: "N'DIAYE",
    firstName: 'Aïcha',
    login: 'aicha.ndiaye',
    alias: null,
    activationCode: 'k7xm3p9q',
    activated: false,
    entStatus: 'known',
    email: 'aicha@exemple.fr',
    phone: null,
    classes: [],
    children: [{ id: 2, firstName: 'Jean-Marc', lastName: "N'DIAYE", classes: ['CM2'] }],
    guardians: [],
    localAdmin: false,
    blocked: false,
    preDeleted: false,
    source: 'DEMO',
    externalId: null,
    createdAt: '2026-09-01T08:00:00.000Z',
    ...overrides,
  };
}

function render(item: AccountListItem, templates = defaultMailTemplates) {
  const mailCase = mailCaseOf(item);
  return renderMail(templates[mailCase], mailCase, mailPlaceholderValues(item, frame));
}

describe('a personal message', () => {
  it('gives a parent not yet activated the first-connection steps with login and code', () => {
    const mail = render(account());
    expect(mail.mailCase).toBe('notActivated');
    expect(mail.subject).toBe('Vos identifiants ONE – École Jules-Ferry');
    expect(mail.text).toContain("Bonjour Aïcha N'DIAYE,");
    expect(mail.text).toContain('Responsable de : Jean-Marc N. (CM2)');
    expect(mail.text).toContain('Identifiant : aicha.ndiaye\nCode d’activation : k7xm3p9q');
    expect(mail.text).toContain('1. Rendez-vous sur https://ent.exemple.fr.');
  });

  it('says « de l’École » in both parts, the school’s name taking its article', () => {
    const staff = render(account({ profile: 'teacher', children: [], classes: ['CM2'] }));
    expect(staff.text).toContain('l’espace numérique de travail ONE de l’École Jules-Ferry');
    expect(staff.html).toContain('l’espace numérique de travail ONE de l’École Jules-Ferry');
  });

  it('gives an activated account the forgotten-password steps and no code', () => {
    const mail = render(account({ activated: true, activationCode: null }));
    expect(mail.mailCase).toBe('activated');
    expect(mail.text).not.toContain('Code d’activation');
    expect(mail.text).toContain('Mot de passe oublié ?');
  });

  it('treats an account without a code as activated: there is nothing else to hand out', () => {
    expect(mailCaseOf(account({ activationCode: null }))).toBe('activated');
  });

  it('leaves out a line whose placeholders are all empty', () => {
    const mail = render(account({ profile: 'teacher', children: [], classes: ['CP A'] }));
    expect(mail.text).not.toContain('Responsable de');
    expect(mail.text).not.toMatch(/\n\n\n/);
  });

  it('keeps the HTML part safe and readable: values escaped, login and code in a monospaced font, URL a link', () => {
    const mail = render(account({ firstName: '<script>alert(1)</script>', lastName: 'O’BRIEN & fils' }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; O’BRIEN &amp; fils');
    expect(mail.html).toMatch(/<strong style="font-family:'JetBrains Mono'[^"]*">k7xm3p9q<\/strong>/);
    expect(mail.html).toContain('<a href="https://ent.exemple.fr/">https://ent.exemple.fr</a>');
    expect(mail.html.match(/<p>/g)?.length).toBeGreaterThan(5);
  });

  it('keeps line breaks out of the subject', () => {
    const mail = render(account({ firstName: 'Anne\r\nBcc: x@y.z' }), {
      ...defaultMailTemplates,
      notActivated: { subject: 'Compte de {prenom}', body: '{code}' },
    });
    expect(mail.subject).toBe('Compte d’Anne Bcc: x@y.z');
  });
});
