/** An order's whole address, for a role allowed to see it; the reveal is audited, its data not. */
import type { OrderAddress } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';

export async function revealOrderAddress(db: Db, orderId: number, ctx: AuditContext): Promise<OrderAddress> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('orders').select('address').where('id', '=', orderId).executeTakeFirst();
    if (!row) throw notFound('order');
    await writeAudit(trx, {
      ...ctx,
      action: 'reveal',
      resource: 'orders',
      resourceId: orderId,
      after: { field: 'address' },
    });
    const { name, phone, province, city, district, detail } = row.address;
    return { name, phone, province, city, district, detail, masked: false };
  });
}
