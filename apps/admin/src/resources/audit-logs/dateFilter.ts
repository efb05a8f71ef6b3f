/**
 * The date-range filter picks days; the API filters on timestamps (ISO with offset), so the
 * start is the beginning of the chosen day and the end its last millisecond, in local time.
 */
const day = /^\d{4}-\d{2}-\d{2}$/;

export function startOfDayIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !day.test(value)) return undefined;
  return new Date(`${value}T00:00:00`).toISOString();
}

export function endOfDayIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !day.test(value)) return undefined;
  return new Date(`${value}T23:59:59.999`).toISOString();
}
