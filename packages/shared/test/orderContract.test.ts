/** The order desk's filter and records. */
import { describe, expect, it } from 'vitest';
import {
  OrderAddressUpdate,
  OrderFilter,
  OrderListQuery,
  OrderStatusCounts,
  orderStatuses,
} from '../src/index.js';

describe('OrderFilter', () => {
  it('takes every filter the order desk uses', () => {
    const filter = {
      status: 'paid',
      createdAt_gte: '2026-01-01T00:00:00+08:00',
      createdAt_lte: '2026-01-31T23:59:59+08:00',
      q: ' 1234 ',
      skuId: 12,
      memberId: 3,
      channelId: 1,
      payableAmount_gte: 0,
      payableAmount_lte: 100000,
      hasOpenRefund: true,
    };
    expect(OrderFilter.parse(filter)).toEqual({ ...filter, q: '1234' });
  });

  it('takes several statuses for a tab such as "to ship"', () => {
    expect(OrderFilter.parse({ status: ['paid', 'partially_shipped'] }).status).toEqual([
      'paid',
      'partially_shipped',
    ]);
  });

  it.each([
    ['an unknown status', { status: 'unpaid' }, 'status'],
    ['an empty status list', { status: [] }, 'status'],
    ['a date without a time zone', { createdAt_gte: '2026-01-01' }, 'createdAt_gte'],
    ['a float amount', { payableAmount_gte: 1.5 }, 'payableAmount_gte'],
    ['a negative amount', { payableAmount_lte: -1 }, 'payableAmount_lte'],
    ['an oversized keyword', { q: '1'.repeat(65) }, 'q'],
    ['hasOpenRefund as text', { hasOpenRefund: 'yes' }, 'hasOpenRefund'],
    ['an unknown key', { buyerPhone: '13800001234' }, ''],
    ['SQL in a key', { 'status; drop table orders': 'paid' }, ''],
  ])('refuses %s', (_name, input, path) => {
    const result = OrderFilter.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('OrderListQuery', () => {
  it('sorts by the fields the list offers, and no other', () => {
    expect(OrderListQuery.parse({ sort: 'payableAmount', order: 'ASC' })).toMatchObject({
      sort: 'payableAmount',
    });
    expect(OrderListQuery.safeParse({ sort: 'buyerPhone' }).success).toBe(false);
  });
});

describe('OrderStatusCounts', () => {
  it('needs a count for every status', () => {
    const data = Object.fromEntries(orderStatuses.map((s) => [s, 0]));
    expect(OrderStatusCounts.safeParse({ data }).success).toBe(true);
    const { closed: _closed, ...missing } = data;
    expect(OrderStatusCounts.safeParse({ data: missing }).success).toBe(false);
  });
});

describe('OrderAddressUpdate', () => {
  it('is a whole, strict shipping address', () => {
    const address = {
      name: '林女士',
      phone: '13800001234',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
    };
    expect(OrderAddressUpdate.parse(address)).toEqual(address);
    expect(OrderAddressUpdate.safeParse({ ...address, orderId: 1 }).success).toBe(false);
    const { detail: _detail, ...partial } = address;
    expect(OrderAddressUpdate.safeParse(partial).success).toBe(false);
  });
});
