/**
 * An order's amounts, from the catalog's prices at the time of ordering (never the client's):
 * goods = Σ unit price × quantity; payable = goods − discount + shipping. Integer fen only.
 */
import type { Fen } from './money.js';

/** Lines (distinct SKUs) in one order. */
export const ORDER_MAX_LINES = 50;
/** Units of one SKU in one order: a private-domain shop sells to people, not to resellers. */
export const ORDER_MAX_QUANTITY_PER_LINE = 99;
/** Units over all lines of one order. */
export const ORDER_MAX_TOTAL_QUANTITY = 500;
/** ¥100,000,000, like the largest price: any amount of an order fits a bigint and a safe integer. */
export const ORDER_MAX_AMOUNT: Fen = 10_000_000_000;

export type OrderLineInput = { skuId: number; unitPrice: Fen; quantity: number };
export type PricedOrderLine = OrderLineInput & { lineAmount: Fen };

export type OrderAmounts = {
  lines: PricedOrderLine[];
  totalQuantity: number;
  goodsAmount: Fen;
  /** 0 until coupons land. */
  discountAmount: Fen;
  shippingFee: Fen;
  payableAmount: Fen;
};

export type OrderPricingResult =
  | { ok: true; amounts: OrderAmounts }
  | { ok: false; code: 'INVALID_ORDER' | 'ORDER_TOO_LARGE'; message: string };

const isAmount = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= ORDER_MAX_AMOUNT;

/**
 * Prices an order. `INVALID_ORDER` means the caller let something through its schema (a
 * programming error, 500 material); `ORDER_TOO_LARGE` is a business refusal (422).
 */
export function priceOrder(order: {
  lines: readonly OrderLineInput[];
  shippingFee: Fen;
  discountAmount?: Fen;
}): OrderPricingResult {
  const { lines, shippingFee, discountAmount = 0 } = order;
  const invalid = (message: string) => ({ ok: false as const, code: 'INVALID_ORDER' as const, message });
  const tooLarge = (message: string) => ({ ok: false as const, code: 'ORDER_TOO_LARGE' as const, message });

  if (lines.length === 0) return invalid('an order needs at least one line');
  if (lines.length > ORDER_MAX_LINES)
    return tooLarge(`an order holds at most ${ORDER_MAX_LINES} different items`);
  if (new Set(lines.map((l) => l.skuId)).size !== lines.length) return invalid('a SKU appears on two lines');

  let goodsAmount = 0;
  let totalQuantity = 0;
  const priced: PricedOrderLine[] = [];
  for (const line of lines) {
    if (!isAmount(line.unitPrice)) return invalid(`SKU ${line.skuId} has no valid price`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      return invalid(`SKU ${line.skuId}: the quantity must be a whole number of at least 1`);
    if (line.quantity > ORDER_MAX_QUANTITY_PER_LINE)
      return tooLarge(`at most ${ORDER_MAX_QUANTITY_PER_LINE} of one item per order`);
    // unitPrice ≤ 10^10 and quantity ≤ 99: the product stays a safe integer.
    const lineAmount = line.unitPrice * line.quantity;
    goodsAmount += lineAmount;
    totalQuantity += line.quantity;
    priced.push({ ...line, lineAmount });
  }
  if (totalQuantity > ORDER_MAX_TOTAL_QUANTITY)
    return tooLarge(`at most ${ORDER_MAX_TOTAL_QUANTITY} items per order`);
  if (goodsAmount > ORDER_MAX_AMOUNT) return tooLarge('the order amount is above what one order may be');
  if (!isAmount(shippingFee)) return invalid('the shipping fee is not a valid amount');
  if (!isAmount(discountAmount) || discountAmount > goodsAmount)
    return invalid('the discount must be between 0 and the goods amount');

  const payableAmount = goodsAmount - discountAmount + shippingFee;
  if (payableAmount > ORDER_MAX_AMOUNT) return tooLarge('the order amount is above what one order may be');
  return {
    ok: true,
    amounts: { lines: priced, totalQuantity, goodsAmount, discountAmount, shippingFee, payableAmount },
  };
}
