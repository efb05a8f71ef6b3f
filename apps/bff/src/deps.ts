/** What the routes and services of one app instance share. */
import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { LogisticsTracker } from './modules/logistics/tracker.js';
import { createTrackingSimulator } from './modules/logistics/tracking-simulator.js';
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
};

export type Adapters = { shippingInfoUploader: ShippingInfoUploader; logisticsTracker: LogisticsTracker };

/** The outside services this instance talks to: those injected, else the simulators. */
export function adaptersOf(deps: Deps): Adapters {
  return {
    shippingInfoUploader: deps.shippingInfoUploader ?? createWechatSimulator(demoSimulatorOptions),
    logisticsTracker: deps.logisticsTracker ?? createTrackingSimulator(deps.clock),
  };
}
