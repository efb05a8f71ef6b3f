import { describe, expect, it } from 'vitest';
import { fenToYuanText, needsAdminApproval, refundAmountError, yuanTextToFen } from './amount';

describe('refund amounts in yuan ↔ fen', () => {
  it('shows fen as plain yuan text', () => {
    expect(fenToYuanText(12345)).toBe('123.45');
    expect(fenToYuanText(1_234_500)).toBe('12345.00');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(null)).toBe('');
  });

  it('reads typed yuan as integer fen without float noise', () => {
    expect(yuanTextToFen('0.07')).toBe(7);
    expect(yuanTextToFen('19.99')).toBe(1999);
    expect(yuanTextToFen(' 100 ')).toBe(10000);
    expect(yuanTextToFen('¥1,234.5')).toBe(123450);
    expect(yuanTextToFen('')).toBeUndefined();
    expect(yuanTextToFen('1.234')).toBeUndefined();
    expect(yuanTextToFen('abc')).toBeUndefined();
    expect(yuanTextToFen('-3')).toBeUndefined();
  });

  it('refuses blank, malformed, zero and above-the-limit amounts', () => {
    expect(refundAmountError('', 1000)).toBe('resources.refunds.amount.required');
    expect(refundAmountError('1.234', 1000)).toBe('resources.refunds.amount.invalid');
    expect(refundAmountError('0', 1000)).toBe('resources.refunds.amount.positive');
    expect(refundAmountError('10.01', 1000)).toEqual({
      message: 'resources.refunds.amount.above_limit',
      args: { limit: '¥10.00' },
    });
    expect(refundAmountError('10', 1000)).toBeUndefined();
    expect(refundAmountError('0.01', 1000)).toBeUndefined();
  });

  it('asks for an admin only above the approval limit', () => {
    expect(needsAdminApproval(50_001, 50_000)).toBe(true);
    expect(needsAdminApproval(50_000, 50_000)).toBe(false);
    expect(needsAdminApproval(undefined, 50_000)).toBe(false);
    expect(needsAdminApproval(60_000, undefined)).toBe(false);
  });
});
