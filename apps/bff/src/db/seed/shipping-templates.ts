/**
 * Demo shipping templates, and which demo products use them: 食品饮料 ships by weight
 * (生鲜冷链), every fourth other product ships free (默认包邮), the rest by piece (标准快递).
 * Runs once, on an empty templates table; deterministic (by product id and category).
 */
import type { ShippingTemplateCreate } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

const XINJIANG = '650000';
const TIBET = '540000';
const QINGHAI = '630000';
const HAINAN = '460000';
const NEI_MONGOL = '150000';
const HONG_KONG = '810000';
const MACAO = '820000';
const TAIWAN = '710000';
const outsideMainland = [HONG_KONG, MACAO, TAIWAN] as const;

export const demoShippingTemplates = {
  free: {
    name: '默认包邮模板',
    chargeBy: 'piece',
    defaultRule: { firstUnits: 1, firstFee: 0, additionalUnits: 1, additionalFee: 0 },
    regionRules: [],
    freeShippingThreshold: null,
    remoteProvinces: [XINJIANG, TIBET],
    remoteSurcharge: 1000,
    undeliverableProvinces: [...outsideMainland],
  },
  standard: {
    name: '标准快递',
    chargeBy: 'piece',
    defaultRule: { firstUnits: 1, firstFee: 800, additionalUnits: 1, additionalFee: 200 },
    regionRules: [
      {
        provinces: [QINGHAI, HAINAN, NEI_MONGOL],
        firstUnits: 1,
        firstFee: 1200,
        additionalUnits: 1,
        additionalFee: 400,
      },
    ],
    freeShippingThreshold: 9900,
    remoteProvinces: [XINJIANG, TIBET],
    remoteSurcharge: 1000,
    undeliverableProvinces: [...outsideMainland],
  },
  coldChain: {
    name: '生鲜冷链',
    chargeBy: 'weight',
    defaultRule: { firstUnits: 1000, firstFee: 1800, additionalUnits: 1000, additionalFee: 600 },
    regionRules: [],
    freeShippingThreshold: 29900,
    remoteProvinces: [],
    remoteSurcharge: 0,
    // Cold chain does not reach these in time.
    undeliverableProvinces: [XINJIANG, TIBET, QINGHAI, ...outsideMainland],
  },
} satisfies Record<string, ShippingTemplateCreate>;

export async function seedShippingTemplates(db: Kysely<Database>, now: Date): Promise<void> {
  const any = await db.selectFrom('shippingTemplates').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db.transaction().execute(async (trx) => {
    const ids: Record<string, number> = {};
    for (const [key, t] of Object.entries(demoShippingTemplates)) {
      const row = await trx
        .insertInto('shippingTemplates')
        .values({
          name: t.name,
          chargeBy: t.chargeBy,
          ...t.defaultRule,
          regionRules: JSON.stringify(t.regionRules),
          freeShippingThreshold: t.freeShippingThreshold,
          remoteProvinces: JSON.stringify(t.remoteProvinces),
          remoteSurcharge: t.remoteSurcharge,
          undeliverableProvinces: JSON.stringify(t.undeliverableProvinces),
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    }
    // Products in the 食品饮料 tree (three levels: the root, its children, their children).
    const food = await trx
      .selectFrom('categories as c')
      .leftJoin('categories as p', 'p.id', 'c.parentId')
      .leftJoin('categories as g', 'g.id', 'p.parentId')
      .select('c.id')
      .where((eb) =>
        eb.or([eb('c.name', '=', '食品饮料'), eb('p.name', '=', '食品饮料'), eb('g.name', '=', '食品饮料')]),
      )
      .execute();
    const foodIds = food.map((c) => c.id);
    if (foodIds.length > 0)
      await trx
        .updateTable('products')
        .set({ shippingTemplateId: ids.coldChain })
        .where('categoryId', 'in', foodIds)
        .where('shippingTemplateId', 'is', null)
        .execute();
    await trx
      .updateTable('products')
      .set((eb) => ({
        shippingTemplateId: eb
          .case()
          .when(eb(eb('id', '%', 4), '=', 0))
          .then(ids.free as number)
          .else(ids.standard as number)
          .end(),
      }))
      .where('shippingTemplateId', 'is', null)
      .execute();
  });
}
