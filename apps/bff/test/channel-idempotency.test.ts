import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdempotencyPurge } from '../src/jobs/idempotency-purge.js';
import { AppError } from '../src/lib/errors.js';
import { type Answer, runIdempotent } from '../src/lib/idempotency.js';
import { channelRequest, pageView } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let channelId: number;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  channelId = (
    await t.db.selectFrom('channels').select('id').where('key', '=', 'demo-miniapp').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const eventsOf = async (visitorId: string) =>
  Number(
    (
      await t.db
        .selectFrom('visitEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visitorId', '=', visitorId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = (idempotencyKey: string, body: unknown) =>
  channelRequest(t, '/api/channel/events', { body, idempotencyKey });

describe('idempotent channel writes', () => {
  it('the same key with the same body replays the first answer byte for byte, storing once', async () => {
    const body = {
      events: [pageView('visitor-replay', t.clock.now()), pageView('visitor-replay', t.clock.now())],
    };
    const first = await post('replay-key-0001', body);
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    t.clock.advance(5_000); // a new signature and timestamp; the same request
    const again = await post('replay-key-0001', body);
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOf('visitor-replay')).toBe(2);
  });

  it('the same key with another body is a 422, and nothing is written', async () => {
    await post('reuse-key-0001', { events: [pageView('visitor-reuse', t.clock.now())] });
    const other = await post('reuse-key-0001', {
      events: [pageView('visitor-reuse', t.clock.now(), '/cart')],
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventsOf('visitor-reuse')).toBe(1);
  });

  it('keys are per channel: another channel may use the same key', async () => {
    const created = await t.request('/api/channels', {
      cookie: admin,
      body: { key: 'second-shop', name: '第二家店' },
    });
    expect(created.status).toBe(201);
    const body = { events: [pageView('visitor-two-shops', t.clock.now())] };
    expect((await post('shared-key-0001', body)).status).toBe(202);
    const other = await channelRequest(t, '/api/channel/events', {
      body,
      idempotencyKey: 'shared-key-0001',
      key: 'second-shop',
      secret: created.body.data.secret,
    });
    expect(other.status).toBe(202);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await eventsOf('visitor-two-shops')).toBe(2);
  });

  it('20 parallel requests with one key store one batch; each answer is that 202 or a 409 in flight', async () => {
    const body = { events: [pageView('visitor-parallel', t.clock.now())] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('parallel-key-0001', body)));
    const fresh = answers.filter(
      (res) => res.status === 202 && res.headers.get('idempotent-replayed') === null,
    );
    const replays = answers.filter(
      (res) => res.status === 202 && res.headers.get('idempotent-replayed') === 'true',
    );
    const inFlight = answers.filter((res) => res.status === 409);
    expect(fresh).toHaveLength(1);
    expect(fresh.length + replays.length + inFlight.length).toBe(20);
    for (const res of replays) expect(res.text).toBe(fresh[0]?.text);
    for (const res of inFlight) expect(res.body.error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(await eventsOf('visitor-parallel')).toBe(1);
    // Once the first has answered, a retry is its replay.
    const retry = await post('parallel-key-0001', body);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('runIdempotent', () => {
  const scope = (key: string) => ({ channelId, key, requestHash: `hash-${key}` });
  const ctx = () => ({ now: t.clock.now(), requestId: 'req-test' });
  const ok: Answer = { status: 201, body: { data: { ok: true } } };

  it('a crash or a 5xx releases the claim, so a retry runs the work again', async () => {
    let runs = 0;
    await expect(
      runIdempotent(t.db, scope('crash-key-01'), ctx(), async () => {
        runs++;
        throw new Error('database went away');
      }),
    ).rejects.toThrow('database went away');
    const fiveHundred = await runIdempotent(t.db, scope('crash-key-01'), ctx(), async () => {
      runs++;
      return { status: 503, body: { error: 'busy' } };
    });
    expect(fiveHundred).toMatchObject({ status: 503, replayed: false });
    const retried = await runIdempotent(t.db, scope('crash-key-01'), ctx(), async () => {
      runs++;
      return ok;
    });
    expect(retried).toMatchObject({ status: 201, replayed: false });
    expect(runs).toBe(3);
  });

  it('a 4xx refusal is stored and replayed without running the work again', async () => {
    let runs = 0;
    const refuse = async (): Promise<Answer> => {
      runs++;
      throw new AppError(422, 'INSUFFICIENT_STOCK', 'Only 2 left.', { 'items.0.quantity': 'at most 2' });
    };
    const first = await runIdempotent(t.db, scope('refused-key-01'), ctx(), refuse);
    const second = await runIdempotent(t.db, scope('refused-key-01'), ctx(), refuse);
    expect(first).toMatchObject({ status: 422, replayed: false });
    expect(JSON.parse(first.bodyText).error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      requestId: 'req-test',
    });
    expect(second).toEqual({ ...first, replayed: true });
    expect(runs).toBe(1);
  });

  it('a claim older than 60 s is taken over; the stale worker cannot overwrite the answer', async () => {
    let finishStale: (answer: Answer) => void = () => {};
    let claimed: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const stale = runIdempotent(
      t.db,
      scope('stale-key-01'),
      ctx(),
      () =>
        new Promise<Answer>((resolve) => {
          finishStale = resolve;
          claimed(); // the work runs only once the claim is committed
        }),
    );
    await started;
    await expect(runIdempotent(t.db, scope('stale-key-01'), ctx(), async () => ok)).rejects.toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY_IN_FLIGHT',
    });
    t.clock.advance(61_000);
    const takeover = await runIdempotent(t.db, scope('stale-key-01'), ctx(), async () => ({
      status: 201,
      body: { data: { by: 'takeover' } },
    }));
    expect(takeover).toMatchObject({ status: 201, replayed: false });
    finishStale({ status: 201, body: { data: { by: 'stale' } } });
    await stale;
    const replay = await runIdempotent(t.db, scope('stale-key-01'), ctx(), async () => ok);
    expect(replay).toMatchObject({ replayed: true, bodyText: JSON.stringify({ data: { by: 'takeover' } }) });
  });

  it('the purge job removes keys older than 24 h and keeps younger ones', async () => {
    await runIdempotent(t.db, scope('purge-old-key'), ctx(), async () => ok);
    t.clock.advance(23 * 3_600_000);
    await runIdempotent(t.db, scope('purge-young-key'), ctx(), async () => ok);
    t.clock.advance(1 * 3_600_000 + 1_000);
    const { deleted } = await runIdempotencyPurge(t.db, t.clock.now());
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await t.db
      .selectFrom('idempotencyKeys')
      .select('key')
      .where('key', 'in', ['purge-old-key', 'purge-young-key'])
      .execute();
    expect(left.map((row) => row.key)).toEqual(['purge-young-key']);
  });
});
