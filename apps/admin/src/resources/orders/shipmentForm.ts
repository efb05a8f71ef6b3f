/** The ship dialog's pure parts: what is left of each line, the parcel's lines, the number's check. */
import {
  type Carrier,
  isValidTrackingNo,
  normaliseTrackingNo,
  type OrderItem,
  type ShipmentCreate,
} from '@siyu/shared';

/** A line of the order and the units of it still to ship. */
export type LineLeft = Pick<
  OrderItem,
  'id' | 'title' | 'skuCode' | 'specValues' | 'quantity' | 'shippedQuantity'
> & {
  left: number;
};

export const linesLeft = (items: readonly OrderItem[]): LineLeft[] =>
  items.map((item) => ({
    id: item.id,
    title: item.title,
    skuCode: item.skuCode,
    specValues: item.specValues,
    quantity: item.quantity,
    shippedQuantity: item.shippedQuantity,
    left: Math.max(0, item.quantity - item.shippedQuantity),
  }));

/** What the form holds per line: the units of it in this parcel (all that is left by default). */
export type ParcelLine = { orderItemId: number; quantity: number | null | undefined };

export const defaultParcel = (lines: readonly LineLeft[]): ParcelLine[] =>
  lines.map((line) => ({ orderItemId: line.id, quantity: line.left }));

/** Units in the parcel as typed (blank counts as none). */
export const parcelUnits = (parcel: readonly ParcelLine[]): number =>
  parcel.reduce((sum, line) => sum + (Number.isInteger(line.quantity) ? (line.quantity as number) : 0), 0);

/** The request's lines: only those with units (0 leaves a line for another parcel). */
export function parcelItems(parcel: readonly ParcelLine[]): NonNullable<ShipmentCreate['items']> {
  return parcel
    .filter((line) => Number.isInteger(line.quantity) && (line.quantity as number) > 0)
    .map((line) => ({ orderItemId: line.orderItemId, quantity: line.quantity as number }));
}

/** Whether this is a tracking number of that carrier, as the server will check it (after normalising). */
export const trackingNoFits = (carrier: Carrier, raw: string): boolean =>
  isValidTrackingNo(carrier, normaliseTrackingNo(raw));
