/**
 * A case event's `detail` (what the step decided) in words. Only fields this console knows are
 * shown, each with its own label, so a raw key never reaches the screen; amounts are fen.
 */
import { type CaseEvent, caseEventKinds } from '@siyu/shared';

export type DetailPart =
  | { field: string; kind: 'money'; fen: number }
  | { field: string; kind: 'text'; text: string }
  | { field: 'carrier'; kind: 'carrier'; carrier: string }
  | { field: 'source'; kind: 'source'; source: string }
  | { field: 'reasonCode'; kind: 'reason'; code: string }
  | { field: 'items'; kind: 'units'; sellable: number; damaged: number }
  | { field: 'reason'; kind: 'known_reason'; code: string }
  | { field: 'cancelledUnits'; kind: 'count'; units: number };

const moneyFields = [
  'amount',
  'approvedAmount',
  'requestedAmount',
  'refundLimit',
  'approvalLimit',
  'refundedAmount',
] as const;
const textFields = [
  'reason',
  'body',
  'note',
  'assigneeName',
  'trackingNo',
  'outRefundNo',
  'gatewayRefundId',
  'lastFailure',
  'failureReason',
  'message',
] as const;

/** Reasons the system writes as codes (the timers), shown in words. */
export const knownReasonCodes = ['return_not_shipped'] as const;

/** Every field label the console has, in display order. */
export const detailFields = [
  ...moneyFields,
  'reasonCode',
  'source',
  'carrier',
  'items',
  'restocked',
  'cancelledUnits',
  'returnAddress',
  ...textFields,
] as const;

const isFen = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const unitsOf = (value: unknown): { sellable: number; damaged: number } | undefined => {
  if (!Array.isArray(value)) return undefined;
  let sellable = 0;
  let damaged = 0;
  for (const line of value) {
    const l = line as { sellable?: unknown; damaged?: unknown };
    if (typeof l?.sellable === 'number') sellable += l.sellable;
    if (typeof l?.damaged === 'number') damaged += l.damaged;
  }
  return sellable + damaged > 0 ? { sellable, damaged } : undefined;
};

/** "SKU-1 × 2, SKU-2 × 1" from [{skuCode, quantity}]. */
const skuList = (value: unknown): string | undefined => {
  if (!Array.isArray(value)) return undefined;
  const parts = value
    .map((line) => line as { skuCode?: unknown; quantity?: unknown } | null)
    .filter((l) => l && isText(l.skuCode) && typeof l.quantity === 'number')
    .map((l) => `${String(l?.skuCode)} × ${String(l?.quantity)}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
};

const unitSum = (value: unknown): number =>
  Array.isArray(value)
    ? value.reduce<number>((sum, line) => {
        const units = (line as { units?: unknown } | null)?.units;
        return sum + (typeof units === 'number' ? units : 0);
      }, 0)
    : 0;

const addressText = (value: unknown): string | undefined => {
  const a = value as { name?: unknown; address?: unknown } | null;
  if (!a || typeof a !== 'object') return undefined;
  const parts = [a.name, a.address].filter(isText);
  return parts.length > 0 ? parts.join(' · ') : undefined;
};

export function eventDetailParts(detail: Record<string, unknown> | null | undefined): DetailPart[] {
  if (!detail) return [];
  const parts: DetailPart[] = [];
  for (const field of detailFields) {
    const value = detail[field];
    if (value === undefined || value === null) continue;
    if ((moneyFields as readonly string[]).includes(field)) {
      if (isFen(value)) parts.push({ field, kind: 'money', fen: value });
    } else if (field === 'reasonCode') {
      if (isText(value)) parts.push({ field, kind: 'reason', code: value });
    } else if (field === 'source') {
      if (value === 'channel' || value === 'staff') parts.push({ field, kind: 'source', source: value });
    } else if (field === 'carrier') {
      if (isText(value)) parts.push({ field, kind: 'carrier', carrier: value });
    } else if (field === 'items') {
      const units = unitsOf(value);
      if (units) parts.push({ field, kind: 'units', ...units });
    } else if (field === 'restocked') {
      const text = skuList(value);
      if (text) parts.push({ field, kind: 'text', text });
    } else if (field === 'cancelledUnits') {
      const units = unitSum(value);
      if (units > 0) parts.push({ field, kind: 'count', units });
    } else if (field === 'reason' && (knownReasonCodes as readonly unknown[]).includes(value)) {
      parts.push({ field, kind: 'known_reason', code: value as string });
    } else if (field === 'returnAddress') {
      const text = addressText(value);
      if (text) parts.push({ field, kind: 'text', text });
    } else if (isText(value)) parts.push({ field, kind: 'text', text: value });
    else if (typeof value === 'number') parts.push({ field, kind: 'text', text: String(value) });
  }
  return parts;
}

/** The title of an event; kinds this console does not know yet still get words. */
export const eventTitleKey = (kind: CaseEvent['kind'] | string) =>
  `resources.refunds.timeline.kinds.${(caseEventKinds as readonly string[]).includes(kind) ? kind : 'other'}`;

/** Who made the step: staff by name, the buyer, the payment channel or the system. */
export function eventActor(event: Pick<CaseEvent, 'actorKind' | 'actorName'>): {
  key: string;
  values: Record<string, string>;
} {
  const base = 'resources.refunds.timeline.actors';
  if (event.actorKind === 'staff') return { key: `${base}.staff`, values: { name: event.actorName ?? '—' } };
  if (event.actorKind === 'customer')
    return event.actorName
      ? { key: `${base}.customer_named`, values: { name: event.actorName } }
      : { key: `${base}.customer`, values: {} };
  return { key: `${base}.${event.actorKind}`, values: {} };
}
