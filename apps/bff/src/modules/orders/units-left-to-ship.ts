/** Whether any line of an order still has units to ship (units refunded before shipping never will). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function hasUnitsLeftToShip(trx: Kysely<Database>, orderId: number): Promise<boolean> {
  const left = await trx
    .selectFrom('orderItems')
    .select('id')
    .where('orderId', '=', orderId)
    .where(sql<boolean>`shipped_quantity + cancelled_quantity < quantity`)
    .executeTakeFirst();
  return left !== undefined;
}
