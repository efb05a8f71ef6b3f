import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMemberFromBuyer } from '../src/modules/members/upsert.js';
import { channelRequest } from './support/channel.js';
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

const ctx = () => ({
  actor: { id: null, name: 'channel:demo-miniapp', role: null },
  ip: null,
  requestId: 'r1',
  at: t.clock.now(),
});
const upsert = (buyer: { openid: string; nickname?: string | null; phone?: string | null }) =>
  t.db.transaction().execute((trx) => upsertMemberFromBuyer(trx, channelId, buyer, ctx()));
const list = async (filter: Record<string, unknown>, cookie = admin) =>
  t.request(`/api/members?filter=${encodeURIComponent(JSON.stringify(filter))}`, { cookie });

describe('members', () => {
  it('a buyer becomes a member on the first order and is matched after; changes update it', async () => {
    const first = await upsert({ openid: 'oLin000001', nickname: '小林', phone: '13800001234' });
    expect(first).toMatchObject({ nickname: '小林', phone: '13800001234', version: 1 });
    const same = await upsert({ openid: 'oLin000001', nickname: '小林', phone: '13800001234' });
    expect(same).toMatchObject({ id: first.id, version: 1 });
    const renamed = await upsert({ openid: 'oLin000001', nickname: '林小姐' });
    expect(renamed).toMatchObject({ id: first.id, nickname: '林小姐', phone: '13800001234', version: 2 });
    const audits = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'members')
      .where('resourceId', '=', String(first.id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audits)).not.toContain('13800001234');
  });

  it('lists and reads with the phone masked; q finds by nickname, phone tail and openid; registered range', async () => {
    const member = await upsert({ openid: 'oZhou00001', nickname: '周周', phone: '13912345678' });
    const all = await t.request('/api/members?perPage=100', { cookie: admin });
    expect(all.status).toBe(200);
    expect(all.text).not.toContain('13912345678');
    expect(all.text).not.toContain('13800001234');
    const one = await t.request(`/api/members/${member.id}`, { cookie: admin });
    expect(one.body.data).toMatchObject({ openid: 'oZhou00001', phone: '139****5678' });
    const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((m) => m.id);
    expect(ids(await list({ q: '5678' }))).toEqual([member.id]);
    expect(ids(await list({ q: '周' }))).toEqual([member.id]);
    expect(ids(await list({ q: 'oZhou00001' }))).toEqual([member.id]);
    expect(ids(await list({ q: '%' }))).toEqual([]);
    const at = member.registeredAt.toISOString();
    expect(ids(await list({ registeredAt_gte: at, registeredAt_lte: at }))).toContain(member.id);
    expect(
      ids(await list({ registeredAt_gte: new Date(Date.parse(at) + 1000).toISOString() })),
    ).not.toContain(member.id);
    expect((await list({ phone: '139' })).status).toBe(400);
  });

  it('reveals the whole phone to a role allowed to (audited), refuses the others', async () => {
    const member = await upsert({ openid: 'oReveal001', phone: '13700009999' });
    const cs = await t.login('customer_service');
    const res = await t.request(`/api/members/${member.id}/reveal-phone`, { cookie: cs, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: member.id, phone: '13700009999' });
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('action', '=', 'reveal')
      .where('resourceId', '=', String(member.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ resource: 'members', actorRole: 'customer_service' });
    const operator = await t.login('operator');
    expect(
      (await t.request(`/api/members/${member.id}/reveal-phone`, { cookie: operator, body: {} })).status,
    ).toBe(403);
  });

  it("visit events by a member's openid are linked to the member; anonymous ones are not", async () => {
    const member = await upsert({ openid: 'oVisitor01' });
    const at = t.clock.now().toISOString();
    const res = await channelRequest(t, '/api/channel/events', {
      idempotencyKey: 'member-events-0001',
      body: {
        events: [
          { type: 'product_view', openid: 'oVisitor01', productId: 12, at },
          { type: 'add_to_cart', openid: 'oVisitor01', productId: 12, skuId: '34', quantity: 2, at },
          { type: 'checkout', visitorId: 'anon-visitor-1', at },
        ],
      },
    });
    expect(res.status).toBe(202);
    const rows = await t.db
      .selectFrom('visitEvents')
      .select(['memberId', 'visitorId', 'type', 'productId', 'skuId', 'quantity'])
      .where('visitorId', 'in', ['oVisitor01', 'anon-visitor-1'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, productId: r.productId && Number(r.productId) }))).toEqual([
      {
        memberId: member.id,
        visitorId: 'oVisitor01',
        type: 'product_view',
        productId: 12,
        skuId: null,
        quantity: null,
      },
      {
        memberId: member.id,
        visitorId: 'oVisitor01',
        type: 'add_to_cart',
        productId: 12,
        skuId: 34,
        quantity: 2,
      },
      {
        memberId: null,
        visitorId: 'anon-visitor-1',
        type: 'checkout',
        productId: null,
        skuId: null,
        quantity: null,
      },
    ]);
  });
});
