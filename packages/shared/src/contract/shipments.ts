/**
 * Fulfilment: the parcels an order ships in (a shipment is a carrier, a tracking number and the
 * units of each line it carries), what the carrier says about each, its report to the
 * mini-program platform (发货信息录入), and the staff's internal notes on an order.
 */
import { z } from 'zod';
import { Carrier, carriers, isValidTrackingNo, normaliseTrackingNo } from '../domain/carriers.js';
import { Id, Timestamp } from './common.js';

/** The most lines one order can have; a parcel lists at most that many. */
export const MAX_SHIPMENT_LINES = 50;

export const ShipmentLineInput = z
  .strictObject({ orderItemId: Id, quantity: z.number().int().min(1).max(9999) })
  .meta({ id: 'ShipmentLineInput' });

/**
 * Ship a parcel. `items` absent means every unit not yet shipped (bulk shipping ships whole
 * orders); present, it lists the units of each line in this parcel (partial shipping).
 */
export const ShipmentCreate = z
  .strictObject({
    carrier: Carrier,
    trackingNo: z.string().max(40).transform(normaliseTrackingNo),
    items: z.array(ShipmentLineInput).min(1).max(MAX_SHIPMENT_LINES).optional(),
  })
  .superRefine((value, ctx) => {
    if (!isValidTrackingNo(value.carrier, value.trackingNo))
      ctx.addIssue({
        code: 'custom',
        path: ['trackingNo'],
        message: `not a ${carriers[value.carrier].nameEn} tracking number (e.g. ${carriers[value.carrier].example})`,
      });
    const seen = new Set<number>();
    for (const [i, line] of (value.items ?? []).entries()) {
      if (seen.has(line.orderItemId))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'orderItemId'],
          message: 'this line is listed twice',
        });
      seen.add(line.orderItemId);
    }
  })
  .meta({ id: 'ShipmentCreate' });
export type ShipmentCreate = z.infer<typeof ShipmentCreate>;

/** Where the carrier says the parcel is. */
export const trackingStatuses = [
  'awaiting_pickup',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
] as const;
export const TrackingStatus = z.enum(trackingStatuses).meta({ id: 'TrackingStatus' });
export type TrackingStatus = z.infer<typeof TrackingStatus>;

export const TrackingEvent = z
  .object({ at: Timestamp, status: TrackingStatus, description: z.string(), location: z.string() })
  .meta({ id: 'TrackingEvent' });
export type TrackingEvent = z.infer<typeof TrackingEvent>;

/** One parcel's report to the platform: pending until the platform accepts it, retried with backoff. */
export const shipmentReportStates = ['pending', 'synced', 'failed'] as const;
export const ShipmentReportState = z.enum(shipmentReportStates).meta({ id: 'ShipmentReportState' });
export type ShipmentReportState = z.infer<typeof ShipmentReportState>;

export const ShipmentReport = z
  .object({
    state: ShipmentReportState,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: Timestamp.nullable(),
    syncedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ShipmentReport' });
export type ShipmentReport = z.infer<typeof ShipmentReport>;

export const ShipmentLine = z
  .object({
    orderItemId: z.number().int(),
    skuCode: z.string(),
    title: z.string(),
    quantity: z.number().int(),
  })
  .meta({ id: 'ShipmentLine' });

export const Shipment = z
  .object({
    id: z.number().int(),
    carrier: Carrier,
    trackingNo: z.string(),
    items: z.array(ShipmentLine),
    shippedAt: Timestamp,
    shippedBy: z.string().nullable(),
    trackingStatus: TrackingStatus,
    deliveredAt: Timestamp.nullable(),
    /** Newest first, as carriers show them. */
    trackingEvents: z.array(TrackingEvent),
    report: ShipmentReport,
  })
  .meta({ id: 'Shipment' });
export type Shipment = z.infer<typeof Shipment>;

export const OrderNote = z
  .object({ id: z.number().int(), body: z.string(), authorName: z.string().nullable(), createdAt: Timestamp })
  .meta({ id: 'OrderNote' });
export type OrderNote = z.infer<typeof OrderNote>;

export const OrderNoteCreate = z
  .strictObject({ body: z.string().trim().min(1).max(500) })
  .meta({ id: 'OrderNoteCreate' });
export type OrderNoteCreate = z.infer<typeof OrderNoteCreate>;
