/**
 * The order desk's actions beyond reading (DESIGN.md: domain actions are verbs on a record).
 * Writes that change the order send its version as If-Match, so a stale page gets a 409.
 */
import type {
  JobAccepted,
  OrderAddress,
  OrderAddressUpdate,
  OrderDetail,
  OrderNote,
  OrderNoteCreate,
  ShipmentCreate,
} from '@siyu/shared';
import type { Identifier } from 'react-admin';
import { apiFetch } from '../../providers/http';

const orderPath = (id: Identifier) => `/orders/${encodeURIComponent(String(id))}`;
const ifMatch = (version: number) => ({ 'If-Match': String(version) });

export async function shipOrder(order: Pick<OrderDetail, 'id' | 'version'>, input: ShipmentCreate) {
  const { json } = await apiFetch<{ data: OrderDetail }>(`${orderPath(order.id)}/shipments`, {
    method: 'POST',
    body: input,
    headers: ifMatch(order.version),
  });
  return json.data;
}

export async function updateOrderAddress(
  order: Pick<OrderDetail, 'id' | 'version'>,
  input: OrderAddressUpdate,
) {
  const { json } = await apiFetch<{ data: OrderDetail }>(`${orderPath(order.id)}/address`, {
    method: 'PUT',
    body: input,
    headers: ifMatch(order.version),
  });
  return json.data;
}

export async function addOrderNote(id: Identifier, input: OrderNoteCreate) {
  const { json } = await apiFetch<{ data: OrderNote }>(`${orderPath(id)}/notes`, {
    method: 'POST',
    body: input,
  });
  return json.data;
}

/** The unmasked address; the server audits every call. */
export async function revealOrderAddress(id: Identifier) {
  const { json } = await apiFetch<{ data: OrderAddress }>(`${orderPath(id)}/reveal-address`, {
    method: 'POST',
    body: {},
  });
  return json.data;
}

/** Failed platform reports of this order go back to the queue, due now. */
export async function retryShipmentReports(id: Identifier) {
  const { json } = await apiFetch<{ data: OrderDetail }>(`${orderPath(id)}/shipment-reports/retry`, {
    method: 'POST',
    body: {},
  });
  return json.data;
}

/** Ships whole orders from a CSV (order_no, carrier, tracking_no) as a background job. */
export async function startBulkShip(csv: string) {
  const { json } = await apiFetch<JobAccepted>('/orders/bulk-ship', { method: 'POST', body: { csv } });
  return json;
}

export const bulkShipTemplateUrl = '/api/orders/bulk-ship/template.csv';
