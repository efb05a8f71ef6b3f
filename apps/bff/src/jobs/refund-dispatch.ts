/**
 * Every 10 seconds: refunds waiting to be sent to the gateway — one whose sender died between
 * its commit and the call, or whose retry after a busy or silent gateway is due
 * (modules/after-sales/refund-dispatch.ts).
 */
import {
  type Dispatcher,
  type DispatchRun,
  runRefundDispatch,
} from '../modules/after-sales/refund-dispatch.js';

export function runRefundDispatchJob(dispatcher: Dispatcher): Promise<DispatchRun> {
  return runRefundDispatch(dispatcher);
}
