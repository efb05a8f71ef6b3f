/** The gallery order after moving the image at `index` one place earlier (-1) or later (+1). */
export function movedOrder<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const order = [...items];
  [order[index], order[target]] = [order[target] as T, order[index] as T];
  return order;
}
