/**
 * "Whose turn": who the case waits on now, in words, so nobody wonders why it sits still — an
 * admin's second approval, the buyer's parcel, the payment channel's answer, or us.
 */
import type { AfterSalesCase } from '@siyu/shared';

type CaseState = Pick<
  AfterSalesCase,
  'status' | 'type' | 'approvalStage' | 'firstApprovedByName' | 'returnShippedAt' | 'assigneeName'
>;

export type Turn = {
  key: string;
  values: Record<string, string>;
  waitsOn: 'us' | 'admin' | 'buyer' | 'gateway';
};

const key = (name: string) => `resources.refunds.turn.${name}`;

/** null once the case is over (refunded, rejected, withdrawn, closed). */
export function whoseTurn(c: CaseState): Turn | null {
  switch (c.status) {
    case 'requested':
      if (c.approvalStage === 'admin')
        return { key: key('admin'), values: { name: c.firstApprovedByName ?? '—' }, waitsOn: 'admin' };
      return c.assigneeName
        ? { key: key('decide_assigned'), values: { name: c.assigneeName }, waitsOn: 'us' }
        : { key: key('decide'), values: {}, waitsOn: 'us' };
    case 'approved':
      return { key: key('start_refund'), values: {}, waitsOn: 'us' };
    case 'awaiting_return':
      return c.returnShippedAt
        ? { key: key('receive'), values: {}, waitsOn: 'us' }
        : { key: key('buyer_return'), values: {}, waitsOn: 'buyer' };
    case 'returned':
      return { key: key('start_refund'), values: {}, waitsOn: 'us' };
    case 'refunding':
      return { key: key('gateway'), values: {}, waitsOn: 'gateway' };
    case 'failed':
      return { key: key('retry'), values: {}, waitsOn: 'us' };
    default:
      return null;
  }
}
