/**
 * Staff's internal notes on an order (never shown to the customer). A note is append-only, so
 * its row is its own record: the audit row keeps the note's id and length, not its text, which
 * may hold a buyer's details and the audit log is read more widely than the order.
 */
import type { OrderNote, OrderNoteCreate } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';

export async function addOrderNote(
  db: Db,
  orderId: number,
  input: OrderNoteCreate,
  ctx: AuditContext,
): Promise<OrderNote> {
  return db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').select('id').where('id', '=', orderId).executeTakeFirst();
    if (!order) throw notFound('order');
    const note = await trx
      .insertInto('orderNotes')
      .values({ orderId, authorId: ctx.actor.id, body: input.body, createdAt: ctx.at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...ctx,
      action: 'note',
      resource: 'orders',
      resourceId: orderId,
      after: { noteId: note.id, length: note.body.length },
    });
    const author =
      ctx.actor.id === null
        ? undefined
        : await trx
            .selectFrom('staffUsers')
            .select('displayName')
            .where('id', '=', ctx.actor.id)
            .executeTakeFirst();
    return {
      id: note.id,
      body: note.body,
      authorName: author?.displayName ?? null,
      createdAt: note.createdAt.toISOString(),
    };
  });
}
