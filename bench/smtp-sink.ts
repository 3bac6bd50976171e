import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A mail sink for bench/mail.bench.ts, in its own process so that its work is not counted as
 * Sésame's: accepts everything, answers after `SINK_DELAY_MS` (a network round trip).
 */
const delay = Number(process.env['SINK_DELAY_MS'] ?? 0);
let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      if (delay > 0) setTimeout(callback, delay);
      else callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'count') process.send?.({ received });
  if (message === 'stop') server.close(() => process.exit(0));
});
