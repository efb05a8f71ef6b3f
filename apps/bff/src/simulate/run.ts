/**
 * Runs the simulated storefront against a BFF: `visits` visits one after another (tests), or
 * `rate` visits a second until `durationMs` has passed or the signal aborts (Ctrl-C), with a
 * summary line every few seconds and one at the end.
 */
import { demoChannel } from '../db/seed/channel.js';
import { demoAccounts } from '../db/seed/demo.js';
import { sellableSkus } from './catalog.js';
import { channelClient } from './channel-client.js';
import { createStorefront, summaryLine, type Tally } from './shopper.js';

export type SimulationOptions = {
  baseUrl: string;
  key?: string;
  secret?: string;
  /** The read-only staff account the catalog is read with (the demo manager by default). */
  staff?: { username: string; password: string };
  visits?: number;
  rate?: number;
  durationMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  log?: (line: string) => void;
  summaryEveryMs?: number;
};

const manager = demoAccounts.find((a) => a.role === 'manager');
/** Visits running at once, so a slow BFF is not buried under an ever-growing backlog. */
const MAX_IN_FLIGHT = 50;

export async function simulate(options: SimulationOptions): Promise<Tally> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const staff = options.staff ?? {
    username: manager?.username ?? 'manager',
    password: manager?.password ?? '',
  };
  const skus = await sellableSkus(baseUrl, staff);
  const client = channelClient(baseUrl, options.key ?? demoChannel.key, options.secret ?? demoChannel.secret);
  const shop = createStorefront(client, skus, options.random);
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const fail = (error: unknown) => {
    const code = `FAILED_${error instanceof Error ? error.name : 'ERROR'}`;
    shop.tally.refused[code] = (shop.tally.refused[code] ?? 0) + 1;
  };

  if (options.visits !== undefined) {
    for (let i = 0; i < options.visits; i++) await shop.visit();
    await shop.checkDeliveries();
    return shop.tally;
  }

  const rate = options.rate ?? 2;
  const until = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const inFlight = new Set<Promise<void>>();
  let lastSummary = performance.now();
  let lastCheck = performance.now();
  let next = performance.now();
  while (!options.signal?.aborted && performance.now() < until) {
    if (inFlight.size < MAX_IN_FLIGHT) {
      const visit = shop.visit().catch(fail);
      inFlight.add(visit);
      void visit.finally(() => inFlight.delete(visit));
    }
    if (performance.now() - lastCheck > 2000) {
      lastCheck = performance.now();
      await shop.checkDeliveries().catch(fail);
    }
    if (performance.now() - lastSummary > (options.summaryEveryMs ?? 5000)) {
      lastSummary = performance.now();
      log(summaryLine(shop.tally, elapsed()));
    }
    next += 1000 / rate;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(inFlight);
  log(`done: ${summaryLine(shop.tally, elapsed())}`);
  return shop.tally;
}
