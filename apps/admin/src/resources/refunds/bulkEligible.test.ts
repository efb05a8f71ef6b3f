import { describe, expect, it } from 'vitest';
import { bulkEligible } from './bulkEligible';

const small = {
  type: 'refund_only',
  status: 'requested',
  approvalStage: 'none',
  requestedAmount: 5000,
} as const;

describe('bulk approval eligibility', () => {
  it('takes small refund-only cases still requested, up to the amount', () => {
    expect(bulkEligible(small, 5000)).toBe(true);
    expect(bulkEligible({ ...small, requestedAmount: 5001 }, 5000)).toBe(false);
  });

  it('leaves returns, decided cases, second approvals and unknown limits alone', () => {
    expect(bulkEligible({ ...small, type: 'return_and_refund' }, 5000)).toBe(false);
    expect(bulkEligible({ ...small, status: 'approved' }, 5000)).toBe(false);
    expect(bulkEligible({ ...small, approvalStage: 'admin' }, 5000)).toBe(false);
    expect(bulkEligible(small, undefined)).toBe(false);
  });
});
