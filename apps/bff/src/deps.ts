/** What the routes and services of one app instance share. */
import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { LogisticsTracker } from './modules/logistics/tracker.js';
import { createTrackingSimulator } from './modules/logistics/tracking-simulator.js';
import type { PaymentGateway } from './modules/payment-gateway/gateway.js';
import { createRefundSimulator, type RefundSimulator } from './modules/payment-gateway/simulator.js';
import type { ShippingInfoUploader } from './modules/shipment-reports/uploader.js';
import { createWechatSimulator, demoSimulatorOptions } from './modules/shipment-reports/wechat-simulator.js';

export type Deps = {
  db: Db;
  config: Config;
  clock: Clock;
  hasher: PasswordHasher;
  logger: Logger;
  /** The mini-program platform's shipping-info upload; the simulator when absent. */
  shippingInfoUploader?: ShippingInfoUploader;
  /** The carriers' tracking; the simulator when absent. */
  logisticsTracker?: LogisticsTracker;
  /** The payment gateway's refunds; the simulator when absent. */
  paymentGateway?: PaymentGateway;
};

export type Adapters = {
  shippingInfoUploader: ShippingInfoUploader;
  logisticsTracker: LogisticsTracker;
  paymentGateway: PaymentGateway;
};

type NotifyTarget = (request: Request) => Promise<Response>;

/**
 * The simulated gateway keeps its refunds in memory, so there is one per database: the routes
 * and the jobs of an instance (built from separate Deps objects) talk to the same one, and it
 * never pays one out_refund_no twice.
 */
const simulatedGateways = new WeakMap<Db, RefundSimulator>();
/** The app serving each database: the simulated gateway notifies it (set by buildApp). */
const notifyTargets = new WeakMap<Db, NotifyTarget>();

/** The simulated gateway's notifications for this database go to this app. */
export function receiveRefundNotifications(db: Db, target: NotifyTarget): void {
  notifyTargets.set(db, target);
}

/** A channel's key and secret, as the simulated gateway signs with them (channels.secret is stored plain). */
export const channelSigningKeys = (db: Db) => (channelId: number) =>
  db.selectFrom('channels').select(['key', 'secret']).where('id', '=', channelId).executeTakeFirst();

function simulatedGatewayOf(deps: Deps): RefundSimulator {
  let simulator = simulatedGateways.get(deps.db);
  if (!simulator) {
    const { notifyDelayMs, failureRate, duplicateRate } = deps.config.gatewaySimulator;
    simulator = createRefundSimulator({
      channelCredentials: channelSigningKeys(deps.db),
      deliver: (request) => {
        const target = notifyTargets.get(deps.db);
        if (!target) return Promise.reject(new Error('no app receives refund notifications yet'));
        return target(request);
      },
      notifyDelayMs,
      transientFailureRate: failureRate,
      failureRate,
      duplicateRate,
      clock: deps.clock,
    });
    simulatedGateways.set(deps.db, simulator);
  }
  return simulator;
}

/** The outside services this instance talks to: those injected, else the simulators. */
export function adaptersOf(deps: Deps): Adapters {
  return {
    shippingInfoUploader: deps.shippingInfoUploader ?? createWechatSimulator(demoSimulatorOptions),
    logisticsTracker: deps.logisticsTracker ?? createTrackingSimulator(deps.clock),
    paymentGateway: deps.paymentGateway ?? simulatedGatewayOf(deps),
  };
}
