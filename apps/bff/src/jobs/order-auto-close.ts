/** Every minute: unpaid orders past their pay deadline are cancelled (modules/orders/auto-close.ts). */
import type { Db } from '../db/connect.js';
import { closeOverdueOrders } from '../modules/orders/auto-close.js';

export function runOrderAutoClose(db: Db, now: Date): Promise<{ closed: number }> {
  return closeOverdueOrders(db, { now });
}
