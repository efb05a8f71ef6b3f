/**
 * Asks the carrier about parcels not yet delivered, at most once per poll interval each. A
 * batch is claimed in a short transaction — parcels never checked or checked longer ago than
 * the interval (shipments_in_transit_idx), FOR UPDATE SKIP LOCKED — by stamping them checked
 * now, so another instance passes them by; the carrier is asked outside any transaction; what
 * it says is then written in one transaction per parcel: new events (one already stored adds
 * nothing), the newest event's status, and the delivery time. A parcel whose carrier did not
 * answer is simply asked again after the next interval.
 */
import type { Carrier, TrackingEvent } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { LogisticsTracker } from './tracker.js';

const MINUTE_MS = 60_000;

export type TrackingPollOptions = {
  /** A parcel is asked about again this long after its last check (default 30 min). */
  pollIntervalMs?: number;
  /** Parcels claimed at a time (default 50). */
  batchSize?: number;
  /** Batches in one run at most (default 20). */
  maxBatches?: number;
};

export type TrackingPollRun = { checked: number; events: number; delivered: number; unanswered: number };

type Parcel = {
  id: number;
  carrier: Carrier;
  trackingNo: string;
  shippedAt: Date;
  province: string;
  city: string;
};

async function claimStale(db: Db, now: Date, staleBefore: Date, limit: number): Promise<Parcel[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('shipments as s')
      .innerJoin('orders as o', 'o.id', 's.orderId')
      .select(['s.id', 's.carrier', 's.trackingNo', 's.shippedAt', 'o.address'])
      .where('s.trackingStatus', '<>', 'delivered')
      .where((eb) =>
        eb.or([eb('s.trackingCheckedAt', 'is', null), eb('s.trackingCheckedAt', '<', staleBefore)]),
      )
      .orderBy('s.trackingCheckedAt', (ob) => ob.asc().nullsFirst())
      .orderBy('s.id')
      .limit(limit)
      .forUpdate('s')
      .skipLocked()
      .execute();
    if (rows.length > 0)
      await trx
        .updateTable('shipments')
        .set({ trackingCheckedAt: now })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
    return rows.map((row) => ({
      id: row.id,
      carrier: row.carrier,
      trackingNo: row.trackingNo,
      shippedAt: row.shippedAt,
      province: row.address.province,
      city: row.address.city,
    }));
  });
}

/** Stores what the carrier said; answers how many events were new and whether it is delivered. */
async function store(db: Db, parcel: Parcel, events: readonly TrackingEvent[]) {
  if (events.length === 0) return { added: 0, delivered: false };
  const newest = events.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
  const delivery = events.find((event) => event.status === 'delivered');
  return db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('shipmentTrackingEvents')
      .values(
        events.map((event) => ({
          shipmentId: parcel.id,
          at: event.at,
          status: event.status,
          description: event.description.slice(0, 500),
          location: event.location.slice(0, 100),
        })),
      )
      .onConflict((oc) => oc.columns(['shipmentId', 'at', 'status']).doNothing())
      .returning('id')
      .execute();
    await trx
      .updateTable('shipments')
      .set({ trackingStatus: newest.status, deliveredAt: delivery ? delivery.at : null })
      .where('id', '=', parcel.id)
      .execute();
    return { added: added.length, delivered: delivery !== undefined };
  });
}

export async function runTrackingPoll(
  db: Db,
  tracker: LogisticsTracker,
  now: Date,
  options: TrackingPollOptions = {},
): Promise<TrackingPollRun> {
  const batchSize = options.batchSize ?? 50;
  const maxBatches = options.maxBatches ?? 20;
  const staleBefore = new Date(now.getTime() - (options.pollIntervalMs ?? 30 * MINUTE_MS));
  const run: TrackingPollRun = { checked: 0, events: 0, delivered: 0, unanswered: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const parcels = await claimStale(db, now, staleBefore, batchSize);
    for (const parcel of parcels) {
      let events: TrackingEvent[];
      try {
        events = await tracker.track({
          carrier: parcel.carrier,
          trackingNo: parcel.trackingNo,
          shippedAt: parcel.shippedAt,
          destination: { province: parcel.province, city: parcel.city },
        });
      } catch {
        run.unanswered++;
        continue;
      }
      const stored = await store(db, parcel, events);
      run.checked++;
      run.events += stored.added;
      if (stored.delivered) run.delivered++;
    }
    if (parcels.length < batchSize) break;
  }
  return run;
}
