import { describe, expect, it } from 'vitest';
import {
  ORDER_MAX_AMOUNT,
  ORDER_MAX_LINES,
  ORDER_MAX_QUANTITY_PER_LINE,
  ORDER_MAX_TOTAL_QUANTITY,
  priceOrder,
} from '../src/domain/orderPricing.js';

describe('priceOrder', () => {
  it('sums catalog prices × quantities, then discount and shipping', () => {
    const result = priceOrder({
      lines: [
        { skuId: 1, unitPrice: 12900, quantity: 2 },
        { skuId: 2, unitPrice: 1990, quantity: 3 },
      ],
      shippingFee: 800,
    });
    expect(result).toEqual({
      ok: true,
      amounts: {
        lines: [
          { skuId: 1, unitPrice: 12900, quantity: 2, lineAmount: 25800 },
          { skuId: 2, unitPrice: 1990, quantity: 3, lineAmount: 5970 },
        ],
        totalQuantity: 5,
        goodsAmount: 31770,
        discountAmount: 0,
        shippingFee: 800,
        payableAmount: 32570,
      },
    });
  });

  it('matches the DESIGN.md example: 2 × ¥129, free shipping → payable ¥258', () => {
    const result = priceOrder({ lines: [{ skuId: 7, unitPrice: 12900, quantity: 2 }], shippingFee: 0 });
    expect(result.ok && result.amounts).toMatchObject({
      goodsAmount: 25800,
      discountAmount: 0,
      shippingFee: 0,
      payableAmount: 25800,
    });
  });

  it('takes a discount off the goods, never more than the goods', () => {
    const lines = [{ skuId: 1, unitPrice: 5000, quantity: 1 }];
    const ok = priceOrder({ lines, shippingFee: 600, discountAmount: 1000 });
    expect(ok.ok && ok.amounts.payableAmount).toBe(4600);
    expect(priceOrder({ lines, shippingFee: 600, discountAmount: 5001 })).toMatchObject({
      ok: false,
      code: 'INVALID_ORDER',
    });
  });

  it('accepts the limits exactly', () => {
    // 5 × 99 + 5 = 500 units: every line at or under its limit, the order at its limit.
    const lines = [...Array.from({ length: 5 }, () => ORDER_MAX_QUANTITY_PER_LINE), 5].map((quantity, i) => ({
      skuId: i + 1,
      unitPrice: 100,
      quantity,
    }));
    expect(lines.reduce((n, l) => n + l.quantity, 0)).toBe(ORDER_MAX_TOTAL_QUANTITY);
    expect(priceOrder({ lines, shippingFee: 0 }).ok).toBe(true);
    expect(
      priceOrder({ lines: [{ skuId: 1, unitPrice: ORDER_MAX_AMOUNT, quantity: 1 }], shippingFee: 0 }).ok,
    ).toBe(true);
  });

  it.each([
    [
      'too many lines',
      {
        lines: Array.from({ length: ORDER_MAX_LINES + 1 }, (_, i) => ({
          skuId: i + 1,
          unitPrice: 1,
          quantity: 1,
        })),
        shippingFee: 0,
      },
    ],
    [
      'too many of one SKU',
      { lines: [{ skuId: 1, unitPrice: 1, quantity: ORDER_MAX_QUANTITY_PER_LINE + 1 }], shippingFee: 0 },
    ],
    [
      'too many units in all',
      {
        lines: Array.from({ length: 6 }, (_, i) => ({ skuId: i + 1, unitPrice: 1, quantity: 99 })),
        shippingFee: 0,
      },
    ],
    [
      'goods above the largest amount',
      { lines: [{ skuId: 1, unitPrice: ORDER_MAX_AMOUNT, quantity: 2 }], shippingFee: 0 },
    ],
    [
      'payable above the largest amount with shipping',
      { lines: [{ skuId: 1, unitPrice: ORDER_MAX_AMOUNT, quantity: 1 }], shippingFee: 1 },
    ],
    [
      'many dear lines whose sum overflows the order',
      {
        lines: Array.from({ length: 50 }, (_, i) => ({
          skuId: i + 1,
          unitPrice: ORDER_MAX_AMOUNT,
          quantity: 99,
        })),
        shippingFee: 0,
      },
    ],
  ])('refuses %s as ORDER_TOO_LARGE', (_name, order) => {
    expect(priceOrder(order)).toMatchObject({
      ok: false,
      code: 'ORDER_TOO_LARGE',
      message: expect.any(String),
    });
  });

  it.each([
    ['no lines', { lines: [], shippingFee: 0 }],
    [
      'a SKU on two lines',
      {
        lines: [
          { skuId: 1, unitPrice: 1, quantity: 1 },
          { skuId: 1, unitPrice: 1, quantity: 2 },
        ],
        shippingFee: 0,
      },
    ],
    ['a float price', { lines: [{ skuId: 1, unitPrice: 19.9, quantity: 1 }], shippingFee: 0 }],
    ['a negative price', { lines: [{ skuId: 1, unitPrice: -100, quantity: 1 }], shippingFee: 0 }],
    ['a zero quantity', { lines: [{ skuId: 1, unitPrice: 100, quantity: 0 }], shippingFee: 0 }],
    ['a negative quantity', { lines: [{ skuId: 1, unitPrice: 100, quantity: -2 }], shippingFee: 0 }],
    ['a fractional quantity', { lines: [{ skuId: 1, unitPrice: 100, quantity: 1.5 }], shippingFee: 0 }],
    ['a NaN quantity', { lines: [{ skuId: 1, unitPrice: 100, quantity: Number.NaN }], shippingFee: 0 }],
    ['a negative shipping fee', { lines: [{ skuId: 1, unitPrice: 100, quantity: 1 }], shippingFee: -1 }],
    ['a float shipping fee', { lines: [{ skuId: 1, unitPrice: 100, quantity: 1 }], shippingFee: 0.5 }],
    [
      'a negative discount',
      { lines: [{ skuId: 1, unitPrice: 100, quantity: 1 }], shippingFee: 0, discountAmount: -1 },
    ],
  ])('refuses %s as INVALID_ORDER', (_name, order) => {
    expect(priceOrder(order)).toMatchObject({ ok: false, code: 'INVALID_ORDER' });
  });

  it('keeps every amount a safe integer at the limits', () => {
    const result = priceOrder({
      lines: [{ skuId: 1, unitPrice: 9_999_999_999, quantity: 1 }],
      shippingFee: 1,
    });
    expect(result.ok && result.amounts.payableAmount).toBe(ORDER_MAX_AMOUNT);
  });
});
