/**
 * An order's parcels and notes for its detail: four small indexed queries the detail runs
 * beside its others, put together here. Lines take their SKU code and title from the order's
 * own lines, which the detail has already read.
 */
import type { OrderItem, OrderNote, Shipment } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function shipmentRowsOf(db: Kysely<Database>, orderId: number) {
  const [shipments, lines, events] = await Promise.all([
    db
      .selectFrom('shipments')
      .leftJoin('staffUsers', 'staffUsers.id', 'shipments.shippedBy')
      .leftJoin('shipmentReports', 'shipmentReports.shipmentId', 'shipments.id')
      .select([
        'shipments.id',
        'shipments.carrier',
        'shipments.trackingNo',
        'shipments.shippedAt',
        'shipments.trackingStatus',
        'shipments.deliveredAt',
        'staffUsers.displayName as shippedBy',
        'shipmentReports.state as reportState',
        'shipmentReports.attempts as reportAttempts',
        'shipmentReports.lastError as reportLastError',
        'shipmentReports.nextAttemptAt as reportNextAttemptAt',
        'shipmentReports.syncedAt as reportSyncedAt',
      ])
      .where('shipments.orderId', '=', orderId)
      .orderBy('shipments.shippedAt')
      .orderBy('shipments.id')
      .execute(),
    db
      .selectFrom('shipmentItems')
      .innerJoin('shipments', 'shipments.id', 'shipmentItems.shipmentId')
      .select(['shipmentItems.shipmentId', 'shipmentItems.orderItemId', 'shipmentItems.quantity'])
      .where('shipments.orderId', '=', orderId)
      .orderBy('shipmentItems.orderItemId')
      .execute(),
    db
      .selectFrom('shipmentTrackingEvents')
      .innerJoin('shipments', 'shipments.id', 'shipmentTrackingEvents.shipmentId')
      .select([
        'shipmentTrackingEvents.shipmentId',
        'shipmentTrackingEvents.at',
        'shipmentTrackingEvents.status',
        'shipmentTrackingEvents.description',
        'shipmentTrackingEvents.location',
      ])
      .where('shipments.orderId', '=', orderId)
      .orderBy('shipmentTrackingEvents.at', 'desc')
      .orderBy('shipmentTrackingEvents.id', 'desc')
      .execute(),
  ]);
  return { shipments, lines, events };
}

export type ShipmentRows = Awaited<ReturnType<typeof shipmentRowsOf>>;

export function toShipments(
  rows: ShipmentRows,
  items: readonly Pick<OrderItem, 'id' | 'skuCode' | 'title'>[],
) {
  const itemById = new Map(items.map((item) => [item.id, item]));
  return rows.shipments.map(
    (s): Shipment => ({
      id: s.id,
      carrier: s.carrier,
      trackingNo: s.trackingNo,
      items: rows.lines
        .filter((l) => l.shipmentId === s.id)
        .map((l) => ({
          orderItemId: l.orderItemId,
          skuCode: itemById.get(l.orderItemId)?.skuCode ?? '',
          title: itemById.get(l.orderItemId)?.title ?? '',
          quantity: l.quantity,
        })),
      shippedAt: s.shippedAt.toISOString(),
      shippedBy: s.shippedBy,
      trackingStatus: s.trackingStatus,
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
      trackingEvents: rows.events
        .filter((e) => e.shipmentId === s.id)
        .map((e) => ({
          at: e.at.toISOString(),
          status: e.status,
          description: e.description,
          location: e.location,
        })),
      // Every parcel is queued with its report; a missing row reads as not yet reported.
      report: {
        state: s.reportState ?? 'pending',
        attempts: s.reportAttempts ?? 0,
        lastError: s.reportLastError,
        nextAttemptAt: s.reportNextAttemptAt?.toISOString() ?? null,
        syncedAt: s.reportSyncedAt?.toISOString() ?? null,
      },
    }),
  );
}

/** Newest first. */
export async function notesOf(db: Kysely<Database>, orderId: number): Promise<OrderNote[]> {
  const rows = await db
    .selectFrom('orderNotes')
    .leftJoin('staffUsers', 'staffUsers.id', 'orderNotes.authorId')
    .select([
      'orderNotes.id',
      'orderNotes.body',
      'orderNotes.createdAt',
      'staffUsers.displayName as authorName',
    ])
    .where('orderNotes.orderId', '=', orderId)
    .orderBy('orderNotes.createdAt', 'desc')
    .orderBy('orderNotes.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    authorName: r.authorName,
    createdAt: r.createdAt.toISOString(),
  }));
}
