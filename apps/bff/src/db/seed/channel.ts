/** The demo storefront channel (DESIGN.md): key `demo-miniapp`, secret `demo-miniapp-secret`. */
import type { Db } from '../connect.js';

export const demoChannel = { key: 'demo-miniapp', name: '私域小程序（演示）', secret: 'demo-miniapp-secret' };

export async function seedDemoChannel(db: Db, now: Date): Promise<void> {
  await db
    .insertInto('channels')
    .values({ ...demoChannel, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
