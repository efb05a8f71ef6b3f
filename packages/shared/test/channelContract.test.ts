/** The storefront channel's bodies: strict, bounded, and as DESIGN.md shows them. */
import { describe, expect, it } from 'vitest';
import {
  ChannelOrder,
  ChannelOrderCancel,
  ChannelOrderConfirmReceipt,
  ChannelOrderCreate,
  ChannelOrderQuery,
  ChannelWriteHeaders,
  ORDER_MAX_LINES,
  ORDER_MAX_QUANTITY_PER_LINE,
  PaymentNotify,
  VISIT_EVENTS_MAX_PER_BATCH,
  VisitEventBatch,
} from '../src/index.js';

/** DESIGN.md's example order, with a numeric SKU id. */
const order = {
  buyer: { openid: 'oA1b2c3d4e5f6g7h8i9j0k1l2m3n', nickname: '小林', phone: '13800001234' },
  items: [{ skuId: 12, quantity: 2 }],
  address: {
    name: '林女士',
    phone: '13800001234',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 1 号',
  },
  note: '',
  couponId: null,
};

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('ChannelOrderCreate', () => {
  it('accepts DESIGN.md example', () => {
    expect(ChannelOrderCreate.parse(order)).toEqual(order);
  });

  it('takes a SKU id as a decimal string too, and fills note, coupon and district', () => {
    const { note: _note, couponId: _couponId, ...rest } = order;
    const { district: _district, ...address } = order.address;
    expect(
      ChannelOrderCreate.parse({ ...rest, address, items: [{ skuId: '12', quantity: 1 }] }),
    ).toMatchObject({
      items: [{ skuId: 12, quantity: 1 }],
      note: '',
      couponId: null,
      address: { district: '' },
    });
  });

  it('accepts a short province name and trims text', () => {
    const parsed = ChannelOrderCreate.parse({
      ...order,
      address: { ...order.address, province: '浙江', detail: '  文三路 1 号 ' },
      note: ' 不要辣 ',
    });
    expect(parsed.address).toMatchObject({ province: '浙江', detail: '文三路 1 号' });
    expect(parsed.note).toBe('不要辣');
  });

  it('accepts a buyer with only an openid, and a coupon id', () => {
    expect(
      ChannelOrderCreate.safeParse({ ...order, buyer: { openid: order.buyer.openid }, couponId: 5 }).success,
    ).toBe(true);
  });

  const item = (change: object) => ({ ...order, items: [{ skuId: 12, quantity: 1, ...change }] });
  it.each([
    ['an unknown top-level key', { ...order, payableAmount: 1 }, ''],
    ['a client price on an item', item({ price: 1 }), 'items.0'],
    ['an unknown buyer key', { ...order, buyer: { ...order.buyer, memberLevel: 9 } }, 'buyer'],
    ['an unknown address key', { ...order, address: { ...order.address, lat: 30 } }, 'address'],
    ['a zero quantity', item({ quantity: 0 }), 'items.0.quantity'],
    ['a negative quantity', item({ quantity: -1 }), 'items.0.quantity'],
    ['a fractional quantity', item({ quantity: 1.5 }), 'items.0.quantity'],
    ['a huge quantity', item({ quantity: 1e12 }), 'items.0.quantity'],
    ['one over the line limit', item({ quantity: ORDER_MAX_QUANTITY_PER_LINE + 1 }), 'items.0.quantity'],
    ['a quantity as text', item({ quantity: '2' }), 'items.0.quantity'],
    ['a negative SKU id', item({ skuId: -1 }), 'items.0.skuId'],
    ['a SKU id with SQL', item({ skuId: '1 OR 1=1' }), 'items.0.skuId'],
    ['a SKU id beyond safe integers', item({ skuId: '99999999999999999' }), 'items.0.skuId'],
    ['a SKU id as a boolean', item({ skuId: true }), 'items.0.skuId'],
    ['no items', { ...order, items: [] }, 'items'],
    [
      'too many lines',
      {
        ...order,
        items: Array.from({ length: ORDER_MAX_LINES + 1 }, (_, i) => ({ skuId: i + 1, quantity: 1 })),
      },
      'items',
    ],
    [
      'too many units in all',
      { ...order, items: Array.from({ length: 6 }, (_, i) => ({ skuId: i + 1, quantity: 99 })) },
      'items',
    ],
    [
      'a SKU twice',
      {
        ...order,
        items: [
          { skuId: 3, quantity: 1 },
          { skuId: '3', quantity: 1 },
        ],
      },
      'items.1.skuId',
    ],
    ['a landline', { ...order, address: { ...order.address, phone: '057188001234' } }, 'address.phone'],
    ['a 10-digit mobile', { ...order, address: { ...order.address, phone: '1380000123' } }, 'address.phone'],
    [
      'a mobile starting 12',
      { ...order, address: { ...order.address, phone: '12800001234' } },
      'address.phone',
    ],
    [
      'a buyer phone with letters',
      { ...order, buyer: { ...order.buyer, phone: '1380000abcd' } },
      'buyer.phone',
    ],
    [
      'an unknown province',
      { ...order, address: { ...order.address, province: '杭州' } },
      'address.province',
    ],
    ['an empty name', { ...order, address: { ...order.address, name: ' ' } }, 'address.name'],
    [
      'an oversized address',
      { ...order, address: { ...order.address, detail: 'x'.repeat(121) } },
      'address.detail',
    ],
    ['an oversized note', { ...order, note: '备'.repeat(201) }, 'note'],
    ['a script in the openid', { ...order, buyer: { openid: '<script>alert(1)</script>' } }, 'buyer.openid'],
    [
      'an oversized nickname',
      { ...order, buyer: { ...order.buyer, nickname: 'x'.repeat(33) } },
      'buyer.nickname',
    ],
    ['a coupon id of 0', { ...order, couponId: 0 }, 'couponId'],
  ])('refuses %s', (_name, input, path) => {
    const result = ChannelOrderCreate.safeParse(input);
    expect(result.success).toBe(false);
    expect(paths(result)).toContain(path);
  });

  it('refuses __proto__ smuggled in', () => {
    const hostile = JSON.parse(`{"__proto__": {"payableAmount": 1}, ${JSON.stringify(order).slice(1)}`);
    expect(ChannelOrderCreate.safeParse(hostile).success).toBe(false);
  });
});

describe('PaymentNotify', () => {
  const notify = {
    orderNo: '202601011200000001',
    transactionId: '4200001234202601011234567890',
    amount: 25800,
    paidAt: '2026-01-01T12:00:05Z',
  };
  it('accepts a gateway notification', () => {
    expect(PaymentNotify.parse(notify)).toEqual(notify);
  });
  it.each([
    ['a float amount', { ...notify, amount: 258.0 + 0.5 }],
    ['a zero amount', { ...notify, amount: 0 }],
    ['a negative amount', { ...notify, amount: -25800 }],
    ['an amount in yuan as text', { ...notify, amount: '258.00' }],
    ['no paidAt', { ...notify, paidAt: undefined }],
    ['a date without offset', { ...notify, paidAt: '2026-01-01 12:00:05' }],
    ['an unknown key', { ...notify, status: 'paid' }],
    ['an order number with SQL', { ...notify, orderNo: "1' OR '1'='1" }],
    ['an oversized transaction id', { ...notify, transactionId: '9'.repeat(65) }],
  ])('refuses %s', (_name, input) => {
    expect(PaymentNotify.safeParse(input).success).toBe(false);
  });
});

describe('cancel, confirm receipt, query', () => {
  const openid = 'oA1b2c3d4e5f6g7h8i9j0k1l2m3n';
  it('name the buyer and nothing else', () => {
    expect(ChannelOrderCancel.safeParse({ openid }).success).toBe(true);
    expect(ChannelOrderCancel.safeParse({ openid, reason: '不想要了' }).success).toBe(true);
    expect(ChannelOrderCancel.safeParse({ openid, status: 'cancelled' }).success).toBe(false);
    expect(ChannelOrderCancel.safeParse({}).success).toBe(false);
    expect(ChannelOrderConfirmReceipt.safeParse({ openid }).success).toBe(true);
    expect(ChannelOrderConfirmReceipt.safeParse({ openid, at: '2026-01-01T00:00:00Z' }).success).toBe(false);
    expect(ChannelOrderQuery.safeParse({ openid }).success).toBe(true);
    expect(ChannelOrderQuery.safeParse({}).success).toBe(false);
  });
});

describe('ChannelWriteHeaders', () => {
  const headers = {
    'x-channel-key': 'demo-miniapp',
    'x-timestamp': '1767225600',
    'x-signature': 'e825991eaff98776097ace54730715d3e03b9a64cadbf637ea7e2e7df7866723',
    'idempotency-key': '7f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6',
    'content-type': 'application/json',
  };
  it('accepts signed headers among others', () => {
    expect(ChannelWriteHeaders.safeParse(headers).success).toBe(true);
  });
  it.each([
    ['x-channel-key', 'Demo MiniApp'],
    ['x-timestamp', '1767225600000'],
    ['x-signature', 'not-hex'],
    ['idempotency-key', 'short'],
    ['idempotency-key', undefined],
  ])('refuses a bad %s', (name, value) => {
    expect(ChannelWriteHeaders.safeParse({ ...headers, [name]: value }).success).toBe(false);
  });
});

describe('VisitEventBatch', () => {
  const at = '2026-01-01T12:00:00+08:00';
  const events = [
    { type: 'page_view', visitorId: 'v-0123456789', at, page: 'pages/index/index' },
    { type: 'product_view', visitorId: 'v-0123456789', at, productId: 7 },
    {
      type: 'add_to_cart',
      openid: 'oA1b2c3d4e5f6g7h8i9j0k1l2m3n',
      at,
      productId: 7,
      skuId: '12',
      quantity: 1,
    },
    { type: 'checkout', openid: 'oA1b2c3d4e5f6g7h8i9j0k1l2m3n', at },
  ];

  it('accepts each kind of event, by member or anonymous visitor', () => {
    const parsed = VisitEventBatch.parse({ events });
    expect(parsed.events.map((e) => e.type)).toEqual([
      'page_view',
      'product_view',
      'add_to_cart',
      'checkout',
    ]);
    expect(parsed.events[2]).toMatchObject({ skuId: 12 });
  });

  it('takes a full batch', () => {
    const full = Array.from({ length: VISIT_EVENTS_MAX_PER_BATCH }, () => events[0]);
    expect(VisitEventBatch.safeParse({ events: full }).success).toBe(true);
  });

  it.each([
    ['an empty batch', { events: [] }, 'events'],
    [
      'one event too many',
      { events: Array.from({ length: VISIT_EVENTS_MAX_PER_BATCH + 1 }, () => events[0]) },
      'events',
    ],
    ['an unknown type', { events: [{ ...events[3], type: 'purchase' }] }, 'events.0.type'],
    ['no visitor', { events: [{ type: 'checkout', at }] }, 'events.0'],
    [
      'both visitor kinds',
      { events: [{ type: 'checkout', at, openid: 'oA1b2c3d4e5f6g', visitorId: 'v-0123456789' }] },
      'events.0',
    ],
    [
      'a product view without a product',
      { events: [{ type: 'product_view', visitorId: 'v-0123456789', at }] },
      'events.0.productId',
    ],
    ['a field of another type', { events: [{ ...events[3], page: 'x' }] }, 'events.0'],
    ['no time', { events: [{ type: 'checkout', visitorId: 'v-0123456789' }] }, 'events.0.at'],
    ['an unknown key on the batch', { events, channel: 'x' }, ''],
  ])('refuses %s', (_name, input, path) => {
    const result = VisitEventBatch.safeParse(input);
    expect(result.success).toBe(false);
    expect(paths(result)).toContain(path);
  });
});

describe('ChannelOrder (the answer)', () => {
  it('parses what the server sends back', () => {
    const answer = {
      orderNo: '202601011200000001',
      status: 'pending_payment',
      goodsAmount: 25800,
      discountAmount: 0,
      shippingFee: 0,
      payableAmount: 25800,
      items: [
        {
          itemId: 41,
          skuId: 12,
          productId: 3,
          title: '手工红糖',
          specValues: ['500g'],
          unitPrice: 12900,
          quantity: 2,
          lineAmount: 25800,
        },
      ],
      note: '',
      createdAt: '2026-01-01T12:00:00Z',
      payDeadline: '2026-01-01T12:30:00Z',
      paidAt: null,
      completedAt: null,
      cancelledAt: null,
      shipments: [],
    };
    expect(ChannelOrder.parse(answer)).toEqual(answer);
    expect(ChannelOrder.safeParse({ ...answer, status: 'unpaid' }).success).toBe(false);
  });
});
