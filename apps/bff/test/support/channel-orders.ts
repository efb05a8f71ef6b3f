/** Building blocks for channel order tests: a product on sale, an order body, signed headers. */
import { signChannelRequest } from '@siyu/shared';
import { demoChannel } from '../../src/db/seed/channel.js';
import { createCategory, createProduct } from './catalog.js';
import type { TestContext, TestResponse } from './context.js';

let serial = 0;

/** A product with one SKU (price ¥25.80, `stock` units), put on sale directly. */
export async function skuOnSale(t: TestContext, cookie: string, stock: number, status = 'active') {
  const category = await createCategory(t, cookie, `下单测试 ${serial++}`);
  const code = `ORD-${Date.now().toString(36)}-${serial++}`.toUpperCase();
  const product = await createProduct(t, cookie, category.id, {
    specDimensions: [{ name: '规格', values: ['标准'] }],
    skus: [{ specValues: ['标准'], code, price: 2580, stock, lowStockThreshold: 0, weightGrams: 300 }],
  });
  await t.db
    .updateTable('products')
    .set({ status: status as 'active' })
    .where('id', '=', product.id)
    .execute();
  const sku = await t.db.selectFrom('skus').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return { productId: product.id as number, skuId: sku.id };
}

export const orderBody = (
  items: { skuId: number | string; quantity: number }[],
  openid = `buyer-${serial++}-openid`,
  overrides: Record<string, unknown> = {},
) => ({
  buyer: { openid, nickname: '小林', phone: '13800001234' },
  items,
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
  ...overrides,
});

/** Headers for a POST, signed ahead of time (so many requests can be fired at once). */
export async function signedPost(t: TestContext, body: unknown, idempotencyKey: string) {
  const rawBody = JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  const headers = {
    'content-type': 'application/json',
    'x-channel-key': demoChannel.key,
    'x-timestamp': timestamp,
    'x-signature': await signChannelRequest(demoChannel.secret, timestamp, rawBody),
    'idempotency-key': idempotencyKey,
  };
  return { rawBody, headers };
}

export async function send(
  t: TestContext,
  path: string,
  signed: { rawBody: string; headers: Record<string, string> },
): Promise<TestResponse> {
  return t.request(path, { method: 'POST', rawBody: signed.rawBody, headers: signed.headers });
}

export async function stockOf(t: TestContext, skuId: number) {
  return (await t.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow())
    .stock;
}

/** Rows in the tables an order writes: a refused order must leave them all unchanged. */
export async function writtenRows(t: TestContext) {
  const count = async (table: 'orders' | 'orderItems' | 'payments' | 'inventoryMovements' | 'members') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    orders: await count('orders'),
    items: await count('orderItems'),
    payments: await count('payments'),
    movements: await count('inventoryMovements'),
    members: await count('members'),
  };
}
