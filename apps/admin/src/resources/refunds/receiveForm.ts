/**
 * 确认收货 of a return: each case line's units split into sellable (back to stock) and damaged
 * (not restocked). Every unit is one or the other, so the two counts must add up to the line's
 * quantity; the server checks it again.
 */
import type { AfterSalesItem, AfterSalesReceive } from '@siyu/shared';

export type ReceiveLine = { caseItemId: number; quantity: number; sellable: unknown; damaged: unknown };

const key = (name: string) => `resources.refunds.receive.${name}`;

/** All units sellable unless someone says otherwise. */
export const defaultReceiveLines = (items: readonly AfterSalesItem[]): ReceiveLine[] =>
  items.map((item) => ({
    caseItemId: item.id,
    quantity: item.quantity,
    sellable: item.quantity,
    damaged: 0,
  }));

const count = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** The i18n key of what is wrong with one line (with its values), or undefined. */
export function receiveLineError(
  line: ReceiveLine,
): { message: string; args?: Record<string, number> } | undefined {
  const sellable = count(line.sellable);
  const damaged = count(line.damaged);
  if (sellable === undefined || damaged === undefined) return { message: key('not_a_count') };
  if (sellable + damaged !== line.quantity)
    return { message: key('must_sum'), args: { quantity: line.quantity, sum: sellable + damaged } };
  return undefined;
}

/** What the form sends; undefined while any line is wrong. */
export function receiveInput(lines: readonly ReceiveLine[], note?: string): AfterSalesReceive | undefined {
  if (lines.length === 0 || lines.some((line) => receiveLineError(line) !== undefined)) return undefined;
  const input: AfterSalesReceive = {
    items: lines.map((line) => ({
      caseItemId: line.caseItemId,
      sellable: count(line.sellable) ?? 0,
      damaged: count(line.damaged) ?? 0,
    })),
  };
  const trimmed = note?.trim();
  if (trimmed) input.note = trimmed;
  return input;
}

/** Units that go back to stock and units that do not, over all lines. */
export const receiveTotals = (lines: readonly ReceiveLine[]) => ({
  sellable: lines.reduce((sum, line) => sum + (count(line.sellable) ?? 0), 0),
  damaged: lines.reduce((sum, line) => sum + (count(line.damaged) ?? 0), 0),
});
