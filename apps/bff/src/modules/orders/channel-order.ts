/** An order as the storefront sees it (ChannelOrder in the shared contract). */
import type { ChannelOrder } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database, OrderItemRow, OrderRow, ShipmentRow } from '../../db/schema.js';

type Parcel = Pick<ShipmentRow, 'carrier' | 'trackingNo' | 'shippedAt'>;

/** `parcels`: none until the order ships (placement and cancel have none to pass). */
export function toChannelOrder(order: OrderRow, items: OrderItemRow[], parcels: Parcel[] = []): ChannelOrder {
  return {
    orderNo: order.orderNo,
    status: order.status,
    goodsAmount: order.goodsAmount,
    discountAmount: order.discountAmount,
    shippingFee: order.shippingFee,
    payableAmount: order.payableAmount,
    items: items.map((item) => ({
      itemId: item.id,
      skuId: item.skuId ?? 0,
      productId: item.productId ?? 0,
      title: item.title,
      specValues: item.specValues,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      lineAmount: item.lineAmount,
    })),
    note: order.buyerNote,
    createdAt: order.createdAt.toISOString(),
    payDeadline: order.payDeadline.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    completedAt: order.completedAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    shipments: parcels.map((p) => ({
      carrier: p.carrier,
      trackingNo: p.trackingNo,
      shippedAt: p.shippedAt.toISOString(),
    })),
  };
}

export const itemsOf = (db: Kysely<Database>, orderId: number) =>
  db.selectFrom('orderItems').selectAll().where('orderId', '=', orderId).orderBy('id').execute();

/** The order as the buyer sees it after shipping started: its lines and its parcels. */
export async function channelOrderOf(db: Kysely<Database>, order: OrderRow): Promise<ChannelOrder> {
  const [items, parcels] = await Promise.all([
    itemsOf(db, order.id),
    db
      .selectFrom('shipments')
      .select(['carrier', 'trackingNo', 'shippedAt'])
      .where('orderId', '=', order.id)
      .orderBy('shippedAt')
      .orderBy('id')
      .execute(),
  ]);
  return toChannelOrder(order, items, parcels);
}

/**
 * The order a channel's buyer may touch, locked when `forUpdate`. Another buyer's order, or
 * another channel's, is "not found": an order number alone reveals nothing.
 */
export async function buyerOrder(
  db: Kysely<Database>,
  channelId: number,
  orderNo: string,
  openid: string | null,
  forUpdate = false,
): Promise<OrderRow | undefined> {
  let query = db
    .selectFrom('orders')
    .selectAll('orders')
    .where('orders.channelId', '=', channelId)
    .where('orders.orderNo', '=', orderNo);
  if (openid !== null)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('members')
          .select('members.id')
          .whereRef('members.id', '=', 'orders.memberId')
          .where('members.openid', '=', openid),
      ),
    );
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}
