/** Every 10 minutes: shipped orders past the auto-confirm days are completed (modules/orders/auto-confirm.ts). */
import type { Db } from '../db/connect.js';
import { confirmDueOrders } from '../modules/orders/auto-confirm.js';

export function runOrderAutoConfirm(db: Db, now: Date): Promise<{ completed: number }> {
  return confirmDueOrders(db, { now });
}
