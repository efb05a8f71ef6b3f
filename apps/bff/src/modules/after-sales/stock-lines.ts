/**
 * Units of order lines as stock moves: one per SKU (summed, so a SKU listed twice can never be
 * moved once by a joined UPDATE), in SKU id order, lines whose SKU was deleted left out.
 */
import type { StockLine } from '../orders/stock-moves.js';

export function stockLinesOf(lines: readonly { skuId: number | null; units: number }[]): StockLine[] {
  const bySku = new Map<number, number>();
  for (const line of lines)
    if (line.skuId !== null && line.units > 0)
      bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.units);
  return [...bySku].map(([skuId, quantity]) => ({ skuId, quantity })).sort((a, b) => a.skuId - b.skuId);
}
