import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../providers/httpError';
import { caseErrorOutcome } from './refundErrors';

const error = (status: number, code: string, fields?: Record<string, string>) =>
  toHttpError(status, { error: { code, message: 'x', requestId: 'r', ...(fields ? { fields } : {}) } });

describe('refused case actions', () => {
  it('reloads when the case moved under us', () => {
    expect(caseErrorOutcome(error(409, 'ILLEGAL_TRANSITION'))).toEqual({
      message: 'siyu.errors.ILLEGAL_TRANSITION',
      stale: true,
    });
    expect(caseErrorOutcome(error(409, 'VERSION_CONFLICT')).stale).toBe(true);
  });

  it('puts an amount above the limit on the amount input', () => {
    expect(caseErrorOutcome(error(422, 'REFUND_AMOUNT_EXCEEDED'), 'amountYuan')).toEqual({
      fields: { amountYuan: 'siyu.errors.REFUND_AMOUNT_EXCEEDED' },
      message: 'siyu.errors.REFUND_AMOUNT_EXCEEDED',
      stale: false,
    });
  });

  it("maps the server's amount field onto the yuan input and keeps the others", () => {
    expect(
      caseErrorOutcome(
        error(400, 'VALIDATION_FAILED', { amount: 'too big', reason: 'required' }),
        'amountYuan',
      ).fields,
    ).toEqual({ reason: 'required', amountYuan: 'too big' });
  });

  it('only notifies a business rule without fields', () => {
    expect(caseErrorOutcome(error(422, 'REFUND_COUNT_EXCEEDED'))).toEqual({
      message: 'siyu.errors.REFUND_COUNT_EXCEEDED',
      stale: false,
    });
  });
});
