import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SesameEvent } from '../../shared/api/events.ts';
import type { CoreContext } from '../api/context.ts';
import { openSchool } from '../api/open-school.ts';
import { createCallHandler, forwardEvents } from './ipc.ts';

let context: CoreContext;

beforeEach(async () => {
  context = await openSchool(':memory:', { demoWhenEmpty: true });
});

afterEach(() => context.db.close());

const ourPage = { senderFrame: { url: 'app://sesame/index.html', parent: null } };

describe('the IPC call channel', () => {
  it('dispatches calls from our own page', async () => {
    const call = createCallHandler(context);
    const result = await call(ourPage, 'school.info', {});
    expect(result).toMatchObject({ ok: true, value: { settings: { schoolName: 'École de démonstration' } } });
  });

  it('refuses calls from any other frame, changing nothing', async () => {
    const call = createCallHandler(context);
    for (const senderFrame of [null, { url: 'https://evil.example/', parent: null }, { url: 'app://sesame/index.html', parent: {} }]) {
      const result = await call({ senderFrame }, 'school.loadDemo', { replace: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('leaves argument checks to dispatch(): unknown methods and bad arguments are refused', async () => {
    const call = createCallHandler(context);
    expect(await call(ourPage, 'fs.readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call(ourPage, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call(ourPage, 'school.loadDemo', { replace: 'oui' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('event forwarding', () => {
  it('sends core events to the window while it lives, then stops', () => {
    const sent: [string, SesameEvent][] = [];
    let destroyed = false;
    const stop = forwardEvents(context, { isDestroyed: () => destroyed, send: (channel, event) => sent.push([channel, event]) }, 'sesame:event');
    context.events.emit({ type: 'data-changed', area: 'accounts' });
    destroyed = true;
    context.events.emit({ type: 'data-changed', area: 'classes' });
    stop();
    destroyed = false;
    context.events.emit({ type: 'data-changed', area: 'settings' });
    expect(sent).toEqual([['sesame:event', { type: 'data-changed', area: 'accounts' }]]);
  });
});
