/**
 * Placing a channel order: prices come from the catalog (never the client), the shipping fee
 * from the products' templates; then, in one transaction, the buyer becomes (or is matched to)
 * a member, the order is written and the stock is reserved by one conditional UPDATE — a short SKU refuses the
 * whole order with nothing written. The reservation comes last, just before COMMIT, so the hot
 * SKU rows are locked for one round trip.
 */
import {
  type ChannelOrder,
  type ChannelOrderCreate,
  type ProvinceCode,
  priceOrder,
  provinceByName,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, validationFailed } from '../../lib/errors.js';
import { upsertMemberFromBuyer } from '../members/upsert.js';
import { recentSettings } from '../settings/service.js';
import { shippingFeeFor } from '../shipping-templates/quote.js';
import { toChannelOrder } from './channel-order.js';
import { newOrderNo } from './order-no.js';
import { reserveStock } from './stock-moves.js';

type Catalogued = {
  id: number;
  productId: number;
  code: string;
  specValues: string[];
  price: number;
  weightGrams: number | null;
  shippingTemplateId: number | null;
  stock: number;
  title: string;
  status: string;
};

const fieldOf = (index: number, field: 'skuId' | 'quantity') => `items.${index}.${field}`;

/** The refusal of an order some of whose SKUs lack stock: the same whether read or reserved. */
function insufficientStock(order: ChannelOrderCreate, skus: Catalogued[], short: readonly number[]) {
  const fields = Object.fromEntries(
    order.items.flatMap((item, i) =>
      short.includes(item.skuId) ? [[fieldOf(i, 'quantity'), 'not enough in stock']] : [],
    ),
  );
  const names = skus.filter((s) => short.includes(s.id)).map((s) => `${s.title} (${s.code})`);
  return new AppError(422, 'INSUFFICIENT_STOCK', `Not enough in stock: ${names.join(', ')}.`, fields);
}

async function catalogLines(trx: Kysely<Database>, order: ChannelOrderCreate): Promise<Catalogued[]> {
  const rows = await trx
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.productId')
    .select([
      'skus.id',
      'skus.productId',
      'skus.code',
      'skus.specValues',
      'skus.price',
      'skus.weightGrams',
      'skus.stock',
      'products.shippingTemplateId',
      'products.title',
      'products.status',
    ])
    .where(
      'skus.id',
      'in',
      order.items.map((i) => i.skuId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown: Record<string, string> = {};
  const unavailable: Record<string, string> = {};
  const lines = order.items.map((item, i) => {
    const sku = byId.get(item.skuId);
    if (!sku) unknown[fieldOf(i, 'skuId')] = 'no such SKU';
    else if (sku.status !== 'active') unavailable[fieldOf(i, 'skuId')] = 'not on sale';
    return sku as Catalogued;
  });
  if (Object.keys(unknown).length > 0) throw validationFailed(unknown, 'Some SKUs do not exist.');
  if (Object.keys(unavailable).length > 0)
    throw new AppError(
      422,
      'PRODUCT_NOT_AVAILABLE',
      `Not on sale: ${lines
        .filter((l) => l.status !== 'active')
        .map((l) => `${l.title} (${l.code})`)
        .join(', ')}.`,
      unavailable,
    );
  return lines;
}

export async function placeChannelOrder(
  db: Db,
  channelId: number,
  order: ChannelOrderCreate,
  ctx: AuditContext,
  /** Runs in the same transaction once the order is in (the idempotent answer is stored there). */
  alsoInTransaction: (trx: Kysely<Database>, placed: ChannelOrder) => Promise<void>,
): Promise<ChannelOrder> {
  if (order.couponId !== null)
    throw new AppError(422, 'COUPONS_NOT_SUPPORTED', 'Coupons cannot be used yet: send couponId null.', {
      couponId: 'coupons are not supported yet',
    });
  // The schema has already checked the province is one of the 34.
  const province = provinceByName(order.address.province)?.code as ProvinceCode;
  // A copy a few seconds old at most: the time zone of the order number and the pay deadline.
  const settings = await recentSettings(db);

  // One pooled connection for the reads and the transaction.
  return db.connection().execute(async (conn) => {
    // The reads come before the transaction: under READ COMMITTED each statement sees what is
    // committed when it runs, inside a transaction or not, and refusals then never open one.
    const skus = await catalogLines(conn, order);
    const lines = order.items.map((item, i) => ({
      skuId: item.skuId,
      unitPrice: (skus[i] as Catalogued).price,
      quantity: item.quantity,
    }));
    const shipping = await shippingFeeFor(conn, { lines, province }, skus);
    const priced = priceOrder({ lines, shippingFee: shipping.fee });
    if (!priced.ok) {
      if (priced.code === 'ORDER_TOO_LARGE') throw new AppError(422, 'ORDER_TOO_LARGE', `${priced.message}.`);
      throw new Error(`order pricing: ${priced.message}`);
    }
    const amounts = priced.amounts;
    // Cheap early refusal from the unlocked read: a burst's refused orders write nothing, take no
    // lock and open no transaction. The conditional UPDATE below stays the guard against
    // overselling.
    const clearlyShort = order.items.filter((item, i) => (skus[i] as Catalogued).stock < item.quantity);
    if (clearlyShort.length > 0)
      throw insufficientStock(
        order,
        skus,
        clearlyShort.map((item) => item.skuId),
      );
    return conn.transaction().execute(async (trx) => {
      const member = await upsertMemberFromBuyer(trx, channelId, order.buyer, ctx);
      const orderNo = newOrderNo(ctx.at, settings.timeZone);

      const row = await trx
        .insertInto('orders')
        .values({
          orderNo,
          channelId,
          memberId: member.id,
          status: 'pending_payment',
          goodsAmount: amounts.goodsAmount,
          discountAmount: amounts.discountAmount,
          shippingFee: amounts.shippingFee,
          payableAmount: amounts.payableAmount,
          address: JSON.stringify(order.address),
          provinceCode: province,
          buyerNote: order.note,
          cancelReason: null,
          payDeadline: new Date(ctx.at.getTime() + settings.orderAutoCloseMinutes * 60_000),
          paidAt: null,
          shippedAt: null,
          completedAt: null,
          cancelledAt: null,
          closedAt: null,
          createdAt: ctx.at,
          updatedAt: ctx.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const items = await trx
        .insertInto('orderItems')
        .values(
          amounts.lines.map((line, i) => {
            const sku = skus[i] as Catalogued;
            return {
              orderId: row.id,
              skuId: sku.id,
              productId: sku.productId,
              skuCode: sku.code,
              title: sku.title,
              specValues: JSON.stringify(sku.specValues),
              unitPrice: line.unitPrice,
              quantity: line.quantity,
              lineAmount: line.lineAmount,
            };
          }),
        )
        .returningAll()
        .execute();
      const placed = toChannelOrder(
        row,
        items.sort((x, y) => x.id - y.id),
      );
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: 'orders',
        resourceId: row.id,
        after: { ...placed, memberId: member.id, channelId },
      });

      // The answer is stored before the stock is reserved: a short SKU throws and rolls it back
      // with the rest, and the SKU rows stay locked from the UPDATE to COMMIT only.
      await alsoInTransaction(trx, placed);
      const short = await reserveStock(trx, order.items, `order:${orderNo}`, ctx);
      if (short.length > 0) throw insufficientStock(order, skus, short);
      return placed;
    });
  });
}
