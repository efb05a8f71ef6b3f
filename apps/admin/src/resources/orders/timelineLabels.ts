/**
 * An order's timeline entry in words: audit rows carry the action's code and the status after
 * it. Generic updates (payment, cancellation, the auto-close) are named by the status they led
 * to; codes this console does not know yet still get a label, never the raw code.
 */
import type { OrderTimelineEntry } from '@siyu/shared';

const known = new Set([
  'create',
  'update',
  'pay',
  'cancel',
  'auto_close',
  'ship',
  'edit_address',
  'note',
  'reveal',
  'confirm_receipt',
  'auto_confirm',
  'report_shipment',
  'retry_reports',
  'forbidden',
]);

const base = 'resources.orders.timeline';

/** The i18n key and its values for an entry's title. */
export function timelineTitle(entry: OrderTimelineEntry): { key: string; status?: string } {
  if (entry.event !== 'audit') return { key: `${base}.${entry.event}` };
  const action = entry.action ?? '';
  if (action === 'update' && entry.status) {
    if (entry.status === 'paid') return { key: `${base}.actions.pay` };
    if (entry.status === 'cancelled')
      return { key: `${base}.actions.${entry.actorName === 'system' ? 'auto_close' : 'cancel'}` };
    return { key: `${base}.status_change`, status: entry.status };
  }
  return { key: `${base}.actions.${known.has(action) ? action : 'other'}` };
}

/** Who acted: staff by name, the system and the storefront channel in words. */
export function timelineActor(
  actorName: string | null,
): { key: string; values: Record<string, string> } | null {
  if (!actorName) return null;
  if (actorName === 'system') return { key: `${base}.actors.system`, values: {} };
  if (actorName.startsWith('channel:'))
    return { key: `${base}.actors.channel`, values: { key: actorName.slice('channel:'.length) } };
  return { key: '', values: { name: actorName } };
}

/** The status an order has right after each of its milestones. */
const milestoneStatus: Partial<Record<OrderTimelineEntry['event'], OrderTimelineEntry['status']>> = {
  created: 'pending_payment',
  paid: 'paid',
  shipped: 'shipped',
  completed: 'completed',
  cancelled: 'cancelled',
  closed: 'closed',
};

/** Audit rows are written in the transaction that sets the milestone's timestamp: the same instant. */
const SAME_MOMENT_MS = 2_000;

/**
 * One step per thing that happened: a milestone (买家付款) and the audit row recording it
 * (an update to 已付款 by the channel) become the milestone, with the audit row's actor.
 */
export function mergeMilestones(entries: readonly OrderTimelineEntry[]): OrderTimelineEntry[] {
  const absorbed = new Set<OrderTimelineEntry>();
  const merged = entries.map((entry) => {
    const status = milestoneStatus[entry.event];
    if (!status) return entry;
    const record = entries.find(
      (other) =>
        other.event === 'audit' &&
        !absorbed.has(other) &&
        other.status === status &&
        Math.abs(Date.parse(other.at) - Date.parse(entry.at)) <= SAME_MOMENT_MS,
    );
    if (!record) return entry;
    absorbed.add(record);
    return { ...entry, actorName: record.actorName };
  });
  return merged.filter((entry) => !absorbed.has(entry));
}
