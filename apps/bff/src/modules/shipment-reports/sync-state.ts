/**
 * The order's shipping_info_sync, kept on the order for the list: derived from its parcels'
 * reports. Callers hold the order row (FOR UPDATE) so two reports of one order finishing at
 * once cannot each see the other's old state and leave the order stale.
 */
import type { ShipmentReportState, ShippingInfoSyncState } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Pending while any report is; failed if any failed; synced once all are. */
export function syncStateOf(states: readonly ShipmentReportState[]): ShippingInfoSyncState {
  if (states.length === 0) return 'not_required';
  if (states.includes('pending')) return 'pending';
  if (states.includes('failed')) return 'failed';
  return 'synced';
}

export async function refreshShippingInfoSync(
  trx: Kysely<Database>,
  orderId: number,
): Promise<ShippingInfoSyncState> {
  const rows = await trx
    .selectFrom('shipmentReports')
    .select('state')
    .where('orderId', '=', orderId)
    .execute();
  const state = syncStateOf(rows.map((row) => row.state));
  // Not a change anyone edits against: the order's version stays, so no If-Match is spoiled.
  await trx
    .updateTable('orders')
    .set({ shippingInfoSync: state })
    .where('id', '=', orderId)
    .where('shippingInfoSync', '<>', state)
    .execute();
  return state;
}
