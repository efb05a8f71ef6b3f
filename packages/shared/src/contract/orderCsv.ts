/**
 * The order desk's CSV files: the export's columns (one row per order, personal data masked),
 * and the rows bulk shipping accepts, validated cell by cell (every cell arrives as text). An
 * issue's path is the column's header name, so a bad cell is reported as (line, column, message).
 */
import { z } from 'zod';
import {
  type Carrier,
  carrierByName,
  carriers,
  isValidTrackingNo,
  normaliseTrackingNo,
} from '../domain/carriers.js';

/** Export columns, in order. Amounts are yuan with two decimals, as the catalog export writes prices. */
export const orderCsvColumns = [
  'order_no',
  'status',
  'created_at',
  'paid_at',
  'channel',
  'buyer_nickname',
  /** Masked: 138****1234. */
  'buyer_phone',
  /** Masked: 林**. */
  'receiver_name',
  'province',
  'city',
  /** "SKU×2; SKU2×1", each line's SKU code and units. */
  'items',
  'units',
  'goods_amount',
  'discount_amount',
  'shipping_fee',
  'payable_amount',
  'paid_amount',
  'shipping_info_sync',
  /** The order's parcels' tracking numbers, "; " between them, oldest first. */
  'tracking_nos',
  'buyer_note',
] as const;
export type OrderCsvColumn = (typeof orderCsvColumns)[number];

/** An order's lines in one cell: "SKU×2; SKU2×1". */
export const formatOrderItems = (items: readonly { skuCode: string; quantity: number }[]) =>
  items.map((item) => `${item.skuCode}×${item.quantity}`).join('; ');

/** The bulk-ship file's columns; each row ships every unit of that order not yet shipped. */
export const bulkShipColumns = ['order_no', 'carrier', 'tracking_no'] as const;
export type BulkShipColumn = (typeof bulkShipColumns)[number];

/** At most this many data rows per bulk-ship file (a busy day's parcels; split bigger ones). */
export const MAX_BULK_SHIP_ROWS = 5_000;

const orderNoCell = z
  .string()
  .trim()
  .min(1, { message: 'cannot be empty', abort: true })
  .regex(/^[0-9A-Za-z]{8,32}$/, {
    message: 'not an order number (8 to 32 letters or digits)',
    abort: true,
  });

/** A carrier's code, Chinese name (full or short: 顺丰) or English name. */
const carrierCell = z.string().transform((text, ctx): Carrier => {
  const carrier = carrierByName(text);
  if (carrier === undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        text.trim() === ''
          ? 'cannot be empty'
          : `"${text.trim()}" is not a carrier we ship with (e.g. SF, 顺丰速运, ZTO, 中通)`,
    });
    return z.NEVER;
  }
  return carrier;
});

const trackingNoCell = z
  .string()
  .transform(normaliseTrackingNo)
  .pipe(
    z
      .string()
      .min(1, { message: 'cannot be empty', abort: true })
      .max(40, { message: 'at most 40 characters', abort: true }),
  );

/** A bulk-ship row: the tracking number is checked against the shape of that carrier's numbers. */
export const BulkShipRow = z
  .object({ order_no: orderNoCell, carrier: carrierCell, tracking_no: trackingNoCell })
  .superRefine((row, ctx) => {
    // Runs only when every cell parsed (the cell errors above abort), so both are real values.
    if (!isValidTrackingNo(row.carrier, row.tracking_no)) {
      const info = carriers[row.carrier];
      ctx.addIssue({
        code: 'custom',
        path: ['tracking_no'],
        message: `"${row.tracking_no}" is not a ${info.nameEn} tracking number (e.g. ${info.example})`,
      });
    }
  });
export type BulkShipRow = z.infer<typeof BulkShipRow>;
