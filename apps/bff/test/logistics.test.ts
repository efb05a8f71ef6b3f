import { carrierCodes, type TrackingEvent } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrackingPoll } from '../src/modules/logistics/poller.js';
import type { TrackingQuery } from '../src/modules/logistics/tracker.js';
import { createTrackingSimulator, journeyOf } from '../src/modules/logistics/tracking-simulator.js';
import { skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { paidOrder, shipWhole, trackingNoFor } from './support/shipments.js';
import { onPostgres } from './support/test-db.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shippedAt = new Date('2026-03-02T02:15:00.000Z');

const query = (trackingNo: string, overrides: Partial<TrackingQuery> = {}): TrackingQuery => ({
  carrier: 'SF',
  trackingNo,
  shippedAt,
  destination: { province: '四川省', city: '绵阳市' },
  ...overrides,
});

const trackingNos = Array.from({ length: 2000 }, (_, i) => `SF${String(1_234_500_000_000 + i * 37)}`);

describe('the tracking simulator', () => {
  it('tells the same story for the same parcel, and its events only grow with time', async () => {
    let now = shippedAt.getTime();
    const tracker = createTrackingSimulator(() => new Date(now));
    const seen: TrackingEvent[][] = [];
    for (; now <= shippedAt.getTime() + 6 * DAY; now += 2 * HOUR)
      seen.push(await tracker.track(query('SF1234567890123')));
    expect(seen[0]).toEqual([]);
    for (let i = 1; i < seen.length; i++) {
      const before = seen[i - 1] as TrackingEvent[];
      expect((seen[i] as TrackingEvent[]).slice(0, before.length)).toEqual(before);
    }
    const last = seen.at(-1) as TrackingEvent[];
    expect(last).toEqual(journeyOf(query('SF1234567890123')));
    expect(last.at(-1)?.status).toBe('delivered');
    expect(journeyOf(query('SF1234567890124'))).not.toEqual(last);
  });

  it("picks up in Hangzhou within 1–3 h, passes a hub, and delivers in the buyer's city within 1.5–4 days", () => {
    for (const trackingNo of trackingNos.slice(0, 300)) {
      const events = journeyOf(query(trackingNo));
      const times = events.map((e) => Date.parse(e.at));
      expect(times).toEqual(times.toSorted((a, b) => a - b));
      const [pickup] = events;
      expect(pickup).toMatchObject({ status: 'in_transit', location: '杭州市' });
      expect(pickup?.description).toMatch(/^【杭州市】快件已由顺丰速运揽收/);
      const pickedUpAfter = (times[0] as number) - shippedAt.getTime();
      expect(pickedUpAfter).toBeGreaterThanOrEqual(HOUR - 1000);
      expect(pickedUpAfter).toBeLessThanOrEqual(3 * HOUR);
      expect(events.some((e) => e.description.includes('成都转运中心'))).toBe(true);
      const delivered = events.at(-1) as TrackingEvent;
      expect(delivered).toMatchObject({ status: 'delivered', location: '绵阳市' });
      const took = Date.parse(delivered.at) - shippedAt.getTime();
      const exception = events.some((e) => e.status === 'exception');
      expect(took).toBeGreaterThanOrEqual(1.5 * DAY - 1000);
      expect(took).toBeLessThanOrEqual((exception ? 5 : 4) * DAY);
      expect(events.filter((e) => e.status === 'out_for_delivery').length).toBe(exception ? 2 : 1);
      for (const e of events) expect(e.description.startsWith(`【${e.location}】`)).toBe(true);
    }
  });

  it('sends about one parcel in fifty through a failed delivery, delivered a day later', () => {
    const journeys = trackingNos.map((no) =>
      journeyOf(query(no, { carrier: carrierCodes[no.length % 8] ?? 'SF' })),
    );
    const troubled = journeys.filter((events) => events.some((e) => e.status === 'exception'));
    expect(troubled.length).toBeGreaterThan(10);
    expect(troubled.length).toBeLessThan(80);
    for (const events of troubled) {
      const exception = events.find((e) => e.status === 'exception') as TrackingEvent;
      expect(exception.description).toMatch(/联系不上收件人|地址不详/);
      const delivered = events.at(-1) as TrackingEvent;
      expect(delivered.status).toBe('delivered');
      expect(Date.parse(delivered.at) - Date.parse(exception.at)).toBeGreaterThan(20 * HOUR);
    }
  });

  it('goes straight to the buyer within Zhejiang', () => {
    const events = journeyOf(
      query('SF1234567890125', { destination: { province: '浙江省', city: '宁波市' } }),
    );
    expect(events.some((e) => e.location === '宁波市' && e.status === 'delivered')).toBe(true);
    expect(new Set(events.map((e) => e.location))).toEqual(new Set(['杭州市', '宁波市']));
  });
});

describe('polling carriers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const eventsOf = (shipmentId: number) =>
    t.db
      .selectFrom('shipmentTrackingEvents')
      .selectAll()
      .where('shipmentId', '=', shipmentId)
      .orderBy('at')
      .execute();
  const shipmentOf = (id: number) =>
    t.db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores each event once, follows the newest status, and marks the parcel delivered', async () => {
    const operator = await t.login('operator');
    const { skuId } = await skuOnSale(t, operator, 10);
    const order = await paidOrder(t, [{ skuId, quantity: 1 }], { province: '广东省', city: '深圳市' });
    const trackingNo = trackingNoFor('ZTO');
    const parcel = await shipWhole(t, order, { at: shippedAt, carrier: 'ZTO', trackingNo });
    const journey = journeyOf({
      carrier: 'ZTO',
      trackingNo,
      shippedAt,
      destination: { province: '广东省', city: '深圳市' },
    });
    let now = new Date(shippedAt.getTime() + 20 * HOUR);
    const tracker = createTrackingSimulator(() => now);
    const soFar = journey.filter((e) => Date.parse(e.at) <= now.getTime());
    expect(soFar.length).toBeGreaterThan(1);

    await runTrackingPoll(t.db, tracker, now);
    expect((await eventsOf(parcel.id)).map((e) => e.at.toISOString())).toEqual(soFar.map((e) => e.at));
    expect(await shipmentOf(parcel.id)).toMatchObject({
      trackingStatus: soFar.at(-1)?.status,
      trackingCheckedAt: now,
      deliveredAt: null,
    });

    // Asked again a second later (no interval): the same events add nothing.
    const again = new Date(now.getTime() + 1000);
    const rerun = await runTrackingPoll(t.db, tracker, again, { pollIntervalMs: 0 });
    expect(rerun.checked).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(parcel.id)).toHaveLength(soFar.length);
    expect((await shipmentOf(parcel.id)).trackingCheckedAt).toEqual(again);

    // Within the interval the parcel is not asked about at all.
    now = new Date(again.getTime() + 10 * 60_000);
    await runTrackingPoll(t.db, tracker, now);
    expect((await shipmentOf(parcel.id)).trackingCheckedAt).toEqual(again);

    // Days later it has arrived: every event stored once, delivered at the carrier's time.
    now = new Date(shippedAt.getTime() + 6 * DAY);
    const arrived = await runTrackingPoll(t.db, tracker, now);
    expect(arrived.delivered).toBeGreaterThanOrEqual(1);
    const stored = await eventsOf(parcel.id);
    expect(stored.map((e) => [e.at.toISOString(), e.status, e.description, e.location])).toEqual(
      journey.map((e) => [e.at, e.status, e.description, e.location]),
    );
    const delivered = journey.at(-1) as TrackingEvent;
    expect(await shipmentOf(parcel.id)).toMatchObject({
      trackingStatus: 'delivered',
      deliveredAt: new Date(delivered.at),
      trackingCheckedAt: now,
    });

    // Delivered parcels are not asked about again.
    const after = new Date(now.getTime() + DAY);
    await runTrackingPoll(t.db, tracker, after);
    expect((await shipmentOf(parcel.id)).trackingCheckedAt).toEqual(now);
  });

  it.runIf(onPostgres)('asks about each parcel once when two pollers run at once', async () => {
    const operator = await t.login('operator');
    const { skuId } = await skuOnSale(t, operator, 50);
    const parcels = [];
    for (let i = 0; i < 20; i++)
      parcels.push(await shipWhole(t, await paidOrder(t, [{ skuId, quantity: 1 }]), { at: shippedAt }));
    const now = new Date(shippedAt.getTime() + 30 * HOUR);
    const simulator = createTrackingSimulator(() => now);
    const asked: string[] = [];
    const tracker = {
      async track(q: TrackingQuery) {
        asked.push(q.trackingNo);
        await new Promise((resolve) => setImmediate(resolve));
        return simulator.track(q);
      },
    };
    await Promise.all([
      runTrackingPoll(t.db, tracker, now, { batchSize: 3 }),
      runTrackingPoll(t.db, tracker, now, { batchSize: 3 }),
    ]);
    const ours = parcels.map((p) => p.trackingNo);
    expect(asked.filter((no) => ours.includes(no)).toSorted()).toEqual(ours.toSorted());
  });

  it('leaves a parcel whose carrier did not answer to the next interval', async () => {
    const operator = await t.login('operator');
    const { skuId } = await skuOnSale(t, operator, 10);
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order, { at: shippedAt });
    const now = new Date(shippedAt.getTime() + 7 * DAY + HOUR);
    const down = { track: async () => Promise.reject(new Error('carrier API down')) };
    const run = await runTrackingPoll(t.db, down, now);
    expect(run.unanswered).toBeGreaterThanOrEqual(1);
    expect(await shipmentOf(parcel.id)).toMatchObject({
      trackingStatus: 'awaiting_pickup',
      trackingCheckedAt: now,
    });
    expect(await eventsOf(parcel.id)).toEqual([]);
  });
});
