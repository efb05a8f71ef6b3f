/**
 * How much may go back (DESIGN.md "Domain rules"; all amounts integer fen):
 * - an order's refundable amount is paid − refunded − in flight;
 * - a line's cap is its paid share: the order discount split over the lines by their amounts
 *   (largest remainder, so the shares add up to goods − discount exactly);
 * - k of a line's n units are worth floor(share × k / n), counted cumulatively, so refunding a
 *   line unit by unit never pays back more than its share and the last unit takes the rest;
 * - the shipping fee goes back only with a full refund (every unit of every line).
 */

export type RefundLine = { lineAmount: number; quantity: number };

function assertFen(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be whole fen ≥ 0`);
}

/** Each line's paid share of the goods after the discount; sums to goods − discount. */
export function paidShares(lines: readonly RefundLine[], discount: number): number[] {
  assertFen(discount, 'discount');
  for (const line of lines) assertFen(line.lineAmount, 'lineAmount');
  const goods = lines.reduce((sum, l) => sum + l.lineAmount, 0);
  if (discount > goods) throw new RangeError('the discount cannot exceed the goods');
  if (goods === 0) return lines.map(() => 0);
  // BigInt: lineAmount × discount can pass 2^53 for large orders.
  const exact = lines.map((l) => (BigInt(l.lineAmount) * BigInt(discount)) / BigInt(goods));
  const remainders = lines.map(
    (l, i) => BigInt(l.lineAmount) * BigInt(discount) - (exact[i] as bigint) * BigInt(goods),
  );
  let left = discount - exact.reduce((sum, x) => sum + Number(x), 0);
  const cuts = exact.map(Number);
  // The fen lost to rounding go to the largest remainders (ties: the earlier line).
  const order = lines
    .map((_, i) => i)
    .sort((a, b) => {
      const diff = (remainders[b] as bigint) - (remainders[a] as bigint);
      return diff === 0n ? a - b : diff > 0n ? 1 : -1;
    });
  for (const i of order) {
    if (left === 0) break;
    cuts[i] = (cuts[i] as number) + 1;
    left -= 1;
  }
  return lines.map((l, i) => l.lineAmount - (cuts[i] as number));
}

/** What `units` more of a line are worth when `refundedUnits` of its `quantity` already went back. */
export function lineRefundCap(share: number, quantity: number, refundedUnits: number, units: number): number {
  assertFen(share, 'share');
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError('quantity must be ≥ 1');
  if (!Number.isSafeInteger(refundedUnits) || refundedUnits < 0)
    throw new RangeError('refunded units must be ≥ 0');
  if (!Number.isSafeInteger(units) || units < 1 || refundedUnits + units > quantity)
    throw new RangeError(`at most ${quantity - refundedUnits} more units of this line can be refunded`);
  const worth = (k: number) => Number((BigInt(share) * BigInt(k)) / BigInt(quantity));
  return worth(refundedUnits + units) - worth(refundedUnits);
}

/** Paid − refunded − in flight, never below zero. */
export function refundableAmount(order: { paid: number; refunded: number; inFlight: number }): number {
  assertFen(order.paid, 'paid');
  assertFen(order.refunded, 'refunded');
  assertFen(order.inFlight, 'inFlight');
  return Math.max(0, order.paid - order.refunded - order.inFlight);
}

/** Whether, with these units, every unit of every line has been (or is being) refunded. */
export function isFullRefund(
  lines: readonly { quantity: number; refundedUnits: number }[],
  unitsNow: readonly number[],
): boolean {
  return lines.every((line, i) => line.refundedUnits + (unitsNow[i] ?? 0) >= line.quantity);
}
