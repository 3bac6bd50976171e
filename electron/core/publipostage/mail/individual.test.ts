import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../test-support/clock.ts';
import { value } from '../../../test-support/given-school.ts';
import { buildSchool, type BuiltSchool } from '../../../test-support/school-builder.ts';
import { startTestSmtp, type TestSmtpServer } from '../../../test-support/smtp.ts';

describe('« Fiche de connexion individuelle mail » from the user sheet, against a real SMTP server', () => {
  let school: BuiltSchool;
  let smtp: TestSmtpServer;
  let emma: number;

  beforeEach(async () => {
    school = await buildSchool();
    // The campaign's rate limit waits on the context's clock: one that moves when it sleeps.
    const clock = fakeClock();
    school.context.now = clock.now;
    school.context.sleep = clock.sleep;
    smtp = await startTestSmtp();
    value(await school.api.mail.updateSettings({ smtp: smtp.settings() }));
    emma = school.add({ first: 'Emma', last: 'MARTIN', classes: ['CP A'] });
    value(await school.api.directory.update({ id: emma, email: 'emma.martin@famille.example' }));
  });

  afterEach(async () => {
    await smtp.close();
  });

  it('sends that one person their first-connection message, once, as a campaign of one with its journal', async () => {
    const preview = value(await school.api.mail.preview({ accountId: emma }));
    expect(preview).toMatchObject({ to: 'emma.martin@famille.example', skipReason: null, mailCase: 'notActivated' });

    const campaign = value(await school.api.mail.createIndividual({ accountId: emma }));
    expect(campaign).toMatchObject({ total: 1, status: 'ready', counts: { queued: 1 } });
    const summary = value(await school.api.mail.send({ campaignId: campaign.id, jobId: 'individual' }));

    expect(summary).toMatchObject({ status: 'done', counts: { sent: 1 } });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toBe(preview.subject);
    expect(smtp.received[0]?.text).toContain(`Code d’activation : ${school.account(emma).code}`);
    // Resuming the same campaign sends nothing more.
    value(await school.api.mail.send({ campaignId: campaign.id, jobId: 'again' }));
    expect(smtp.received).toHaveLength(1);

    const journal = value(await school.api.directory.journal({ accountId: emma, offset: 0, limit: 5 })).items.map((item) => item.summary);
    expect(journal).toContain(`Fiche de connexion individuelle à envoyer par courriel à emma.martin@famille.example (envoi n° ${campaign.id})`);
    expect(journal).toContain(`Identifiants envoyés par courriel à emma.martin@famille.example (envoi n° ${campaign.id})`);
  });

  it('refuses, saying why, an account not in the ENT yet and one without an address, creating no campaign', async () => {
    const lucas = school.addAccount({ firstName: 'Lucas', lastName: 'PETIT', source: 'ONDE', activationCode: null, entStatus: 'pending', email: 'parents.petit@famille.example' });
    const noAddress = school.add({ first: 'Noé', last: 'BERNARD' });

    expect(await school.api.mail.createIndividual({ accountId: lucas })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Lucas PETIT ne peut pas recevoir sa fiche par courriel. Pas encore dans l’ENT : aucun code à envoyer (importez le prochain export des comptes de l’ENT).' },
    });
    expect(value(await school.api.mail.preview({ accountId: lucas })).to).toBeNull();
    expect(await school.api.mail.createIndividual({ accountId: noAddress })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Noé BERNARD ne peut pas recevoir sa fiche par courriel. Pas d’adresse courriel : à remettre sur papier (PDF).' },
    });
    expect(value(await school.api.mail.campaigns({}))).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });
});
