import { describe, expect, it } from 'vitest';
import { isFullRefund, lineRefundCap, paidShares, refundableAmount } from '../src/domain/refundable.js';

describe('paid shares of lines', () => {
  it('split the discount by line amounts and add up to goods − discount exactly', () => {
    const lines = [
      { lineAmount: 10_000, quantity: 2 },
      { lineAmount: 3_333, quantity: 1 },
      { lineAmount: 1, quantity: 1 },
    ];
    const shares = paidShares(lines, 1_000);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(13_334 - 1_000);
    expect(shares[0]).toBe(10_000 - 750);
    for (const [i, share] of shares.entries()) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(lines[i]?.lineAmount ?? 0);
    }
  });

  it('hold for many random orders, with amounts whose products pass 2^53', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const lines = Array.from({ length: 1 + rand(5) }, () => ({
        lineAmount: rand(2) ? rand(100_000) : 9_000_000_000_000 + rand(1_000),
        quantity: 1 + rand(5),
      }));
      const goods = lines.reduce((a, l) => a + l.lineAmount, 0);
      if (!Number.isSafeInteger(goods)) continue;
      const discount = rand(Math.min(goods, 2_000_000_000) + 1);
      const shares = paidShares(lines, discount);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(goods - discount);
      for (const [i, s] of shares.entries()) expect(s).toBeLessThanOrEqual(lines[i]?.lineAmount ?? 0);
    }
  });

  it('refuse a discount above the goods and non-integer fen', () => {
    expect(() => paidShares([{ lineAmount: 100, quantity: 1 }], 101)).toThrow(RangeError);
    expect(() => paidShares([{ lineAmount: 1.5, quantity: 1 }], 0)).toThrow(RangeError);
  });
});

describe('line refund caps', () => {
  it('unit by unit never pays back more than the share; the last unit takes the rest', () => {
    const share = 1_000; // 3 units at 333.33…
    const caps = [0, 1, 2].map((refunded) => lineRefundCap(share, 3, refunded, 1));
    expect(caps).toEqual([333, 333, 334]);
    expect(caps.reduce((a, b) => a + b, 0)).toBe(share);
    expect(lineRefundCap(share, 3, 0, 3)).toBe(share);
  });

  it('refuse more units than are left', () => {
    expect(() => lineRefundCap(1_000, 3, 2, 2)).toThrow(RangeError);
    expect(() => lineRefundCap(1_000, 3, 0, 0)).toThrow(RangeError);
  });
});

describe('refundable amount', () => {
  it('is paid − refunded − in flight, never negative', () => {
    expect(refundableAmount({ paid: 10_000, refunded: 3_000, inFlight: 2_000 })).toBe(5_000);
    expect(refundableAmount({ paid: 10_000, refunded: 9_000, inFlight: 2_000 })).toBe(0);
    expect(() => refundableAmount({ paid: -1, refunded: 0, inFlight: 0 })).toThrow(RangeError);
  });

  it('knows a full refund (the shipping fee goes back only then)', () => {
    const lines = [
      { quantity: 2, refundedUnits: 1 },
      { quantity: 1, refundedUnits: 0 },
    ];
    expect(isFullRefund(lines, [1, 1])).toBe(true);
    expect(isFullRefund(lines, [1, 0])).toBe(false);
  });
});
