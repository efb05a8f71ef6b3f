/**
 * The upload_shipping_info request for one parcel, read from the order it belongs to: the
 * payment's transaction id, the buyer's openid, what the parcel holds, and whether the order
 * ships in one parcel (unified) or several (split, complete with the parcel that ships the
 * last unit — counted over this parcel and those shipped before it).
 */
import { maskPhone } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ShippingInfoUpload } from './uploader.js';

export const ITEM_DESC_MAX = 120;

/** "title*quantity" for each line, cut to the platform's 120 characters (not UTF-16 units). */
export function itemDescription(lines: readonly { title: string; quantity: number }[]): string {
  const text = lines.map((line) => `${line.title}*${line.quantity}`).join('，');
  const chars = [...text];
  return chars.length <= ITEM_DESC_MAX ? text : `${chars.slice(0, ITEM_DESC_MAX - 1).join('')}…`;
}

/** Something the request cannot be made without (no payment, no buyer): no retry will help. */
export class UnreportableShipment extends Error {
  override name = 'UnreportableShipment';
}

export async function uploadRequestFor(
  db: Kysely<Database>,
  shipmentId: number,
  now: Date,
): Promise<ShippingInfoUpload> {
  const parcel = await db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', 'o.id', 's.orderId')
    .innerJoin('members as m', 'm.id', 'o.memberId')
    .leftJoin('payments as p', 'p.orderId', 'o.id')
    .select(['s.carrier', 's.trackingNo', 's.orderId', 'o.address', 'm.openid', 'p.transactionId'])
    .where('s.id', '=', shipmentId)
    .executeTakeFirst();
  if (!parcel) throw new UnreportableShipment(`shipment ${shipmentId} does not exist`);
  if (!parcel.transactionId) throw new UnreportableShipment('the order has no payment to report against');
  const [lines, ordered, shippedSoFar, parcels] = await Promise.all([
    db
      .selectFrom('shipmentItems as si')
      .innerJoin('orderItems as oi', 'oi.id', 'si.orderItemId')
      .select(['oi.title', 'si.quantity'])
      .where('si.shipmentId', '=', shipmentId)
      .orderBy('oi.id')
      .execute(),
    db
      .selectFrom('orderItems')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('quantity'), eb.lit(0)).as('units'))
      .where('orderId', '=', parcel.orderId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('shipmentItems as si')
      .innerJoin('shipments as s', 's.id', 'si.shipmentId')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('si.quantity'), eb.lit(0)).as('units'))
      .where('s.orderId', '=', parcel.orderId)
      .where('s.id', '<=', shipmentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('shipments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('orderId', '=', parcel.orderId)
      .executeTakeFirstOrThrow(),
  ]);
  const parcelUnits = lines.reduce((sum, line) => sum + line.quantity, 0);
  const orderedUnits = Number(ordered.units);
  const unified = Number(parcels.n) === 1 && parcelUnits >= orderedUnits;
  const receiver = maskPhone(parcel.address.phone);
  return {
    order_key: { order_number_type: 2, transaction_id: parcel.transactionId },
    logistics_type: 1,
    delivery_mode: unified ? 1 : 2,
    ...(unified ? {} : { is_all_delivered: Number(shippedSoFar.units) >= orderedUnits }),
    shipping_list: [
      {
        tracking_no: parcel.trackingNo,
        express_company: parcel.carrier,
        item_desc: itemDescription(lines),
        ...(receiver ? { contact: { receiver_contact: receiver } } : {}),
      },
    ],
    upload_time: now.toISOString(),
    payer: { openid: parcel.openid },
  };
}
