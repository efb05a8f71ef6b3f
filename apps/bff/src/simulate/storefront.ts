/**
 * `npm run simulate`: a storefront playing against a running BFF through the signed channel
 * API. Flags: --url (or SIM_URL; default http://localhost:8080), --rate 2/s (visits a
 * second), --duration 60s|5m (default: until Ctrl-C), --key/--secret (or SIM_CHANNEL_KEY /
 * SIM_CHANNEL_SECRET; default the demo channel), --staff-user/--staff-password (the read-only
 * account the catalog is read with; default the demo manager).
 */
import { parseArgs } from 'node:util';
import { simulate } from './run.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SIM_URL ?? 'http://localhost:8080' },
    rate: { type: 'string', default: '2/s' },
    duration: { type: 'string' },
    key: { type: 'string', default: process.env.SIM_CHANNEL_KEY },
    secret: { type: 'string', default: process.env.SIM_CHANNEL_SECRET },
    'staff-user': { type: 'string' },
    'staff-password': { type: 'string' },
  },
  allowPositionals: false,
});

const rate = Number(/^([\d.]+)(\/s)?$/.exec(values.rate)?.[1]);
const durationMatch = values.duration ? /^(\d+)(s|m)?$/.exec(values.duration) : null;
if (!(rate > 0) || (values.duration && !durationMatch)) {
  console.error('usage: npm run simulate -- [--url http://localhost:8080] [--rate 2/s] [--duration 60s|5m]');
  process.exit(2);
}
const durationMs = durationMatch
  ? Number(durationMatch[1]) * (durationMatch[2] === 'm' ? 60_000 : 1000)
  : undefined;

const stop = new AbortController();
process.on('SIGINT', () => {
  if (stop.signal.aborted) process.exit(130);
  console.log('stopping: waiting for the visits under way (Ctrl-C again to quit now)…');
  stop.abort();
});

console.log(
  `storefront simulator → ${values.url}, ${rate} visit(s)/s, ${durationMs ? `${durationMs / 1000} s` : 'until Ctrl-C'}`,
);
simulate({
  baseUrl: values.url,
  key: values.key,
  secret: values.secret,
  staff:
    values['staff-user'] && values['staff-password']
      ? { username: values['staff-user'], password: values['staff-password'] }
      : undefined,
  rate,
  durationMs,
  signal: stop.signal,
}).catch((error) => {
  console.error('simulator stopped:', error instanceof Error ? error.message : error);
  process.exit(1);
});
