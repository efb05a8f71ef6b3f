/**
 * Which selected cases the bulk approval will take, as the server decides it (small refund-only
 * cases still waiting for a first decision), so the dialog can say so before anything is sent.
 */
import type { AfterSalesCase } from '@siyu/shared';

export const bulkEligible = (
  c: Pick<AfterSalesCase, 'type' | 'status' | 'approvalStage' | 'requestedAmount'>,
  maxAmount: number | undefined,
) =>
  c.type === 'refund_only' &&
  c.status === 'requested' &&
  c.approvalStage === 'none' &&
  maxAmount !== undefined &&
  c.requestedAmount <= maxAmount;
