/** In-process scheduler: each job runs shortly after start, then every interval; stop() ends it. */
import { sweepFailures } from '../auth/login-limits.js';
import { adaptersOf, type Deps } from '../deps.js';
import { runAfterSalesTimers } from './after-sales-timers.js';
import { runAuditRetention } from './audit-retention.js';
import { runIdempotencyPurge } from './idempotency-purge.js';
import { runOrderAutoClose } from './order-auto-close.js';
import { runOrderAutoConfirm } from './order-auto-confirm.js';
import { runRefundDispatchJob } from './refund-dispatch.js';
import { runShipmentReportUploads } from './shipment-reports.js';
import { runTrackingPollJob } from './tracking-poll.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export function startJobs(deps: Deps, options: { firstRunDelayMs?: number } = {}): { stop: () => void } {
  const adapters = adaptersOf(deps);
  const jobs: Job[] = [
    {
      name: 'audit-retention',
      everyMs: HOUR_MS, // checks hourly; the job itself runs at most once a day across instances
      run: () =>
        runAuditRetention(deps.db, {
          retentionDays: deps.config.auditRetentionDays,
          now: deps.clock(),
          minIntervalMs: DAY_MS - HOUR_MS,
        }),
    },
    {
      name: 'idempotency-purge',
      everyMs: HOUR_MS,
      run: () => runIdempotencyPurge(deps.db, deps.clock()),
    },
    {
      name: 'order-auto-close',
      everyMs: MINUTE_MS,
      run: () => runOrderAutoClose(deps.db, deps.clock()),
    },
    {
      name: 'order-auto-confirm',
      everyMs: 10 * MINUTE_MS, // receipt is confirmed days after shipping: minutes late is fine
      run: () => runOrderAutoConfirm(deps.db, deps.clock()),
    },
    {
      name: 'shipment-reports',
      everyMs: 15_000, // the platform holds the shop's settlement until each parcel is reported
      run: () => runShipmentReportUploads(deps.db, adapters.shippingInfoUploader, deps.clock()),
    },
    {
      name: 'tracking-poll',
      everyMs: 5 * MINUTE_MS,
      run: () => runTrackingPollJob(deps.db, adapters.logisticsTracker, deps.clock()),
    },
    {
      name: 'after-sales-timers',
      everyMs: MINUTE_MS,
      run: () => runAfterSalesTimers({ db: deps.db, gateway: adapters.paymentGateway, clock: deps.clock }),
    },
    {
      name: 'refund-dispatch',
      everyMs: 10_000, // a refund a crash left unsent, or a retry after a busy gateway
      run: () => runRefundDispatchJob({ db: deps.db, gateway: adapters.paymentGateway, clock: deps.clock }),
    },
    {
      name: 'login-failures-sweep',
      everyMs: HOUR_MS,
      run: () => sweepFailures(deps.db, deps.clock(), deps.config.loginLimits),
    },
  ];
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    const tick = async () => {
      if (stopped) return;
      try {
        const result = await job.run();
        deps.logger.debug('job done', { job: job.name, result });
      } catch (error) {
        deps.logger.error('job failed', {
          job: job.name,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
    };
    const first = setTimeout(() => {
      void tick();
      const every = setInterval(() => void tick(), job.everyMs);
      every.unref();
      timers.push(every);
    }, options.firstRunDelayMs ?? 10_000);
    first.unref();
    timers.push(first);
  }
  return {
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
