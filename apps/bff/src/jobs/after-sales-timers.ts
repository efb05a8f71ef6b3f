/**
 * Every minute: silent refund-only cases of unshipped orders are approved by the system, and
 * returns not shipped back in time are closed (modules/after-sales/timers.ts). The refunds the
 * approvals started are sent at once; any that cannot be are left to the refund-dispatch job.
 */
import { type Dispatcher, dispatchRefund } from '../modules/after-sales/refund-dispatch.js';
import { autoApproveSilentCases, expireUnshippedReturns } from '../modules/after-sales/timers.js';

export async function runAfterSalesTimers(dispatcher: Dispatcher) {
  const now = dispatcher.clock();
  const approved = await autoApproveSilentCases(dispatcher.db, { now });
  const expired = await expireUnshippedReturns(dispatcher.db, { now });
  for (const refundId of approved.refundIds) await dispatchRefund(dispatcher, refundId);
  return { autoApproved: approved.approved, leftToCs: approved.left, returnsClosed: expired.closed };
}
