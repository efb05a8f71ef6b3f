/**
 * Money is integer fen (分) everywhere; yuan (元) appear only when a person reads or types it.
 */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** 12345 → "¥123.45"; -500 → "-¥5.00". Pure integer arithmetic, no float rounding. */
export function formatFen(fen: Fen, options: { symbol?: boolean } = {}): string {
  if (!isFen(fen)) throw new TypeError(`not an amount in fen: ${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${options.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

/** "123.45" / "¥1,234.5" / "12" → fen; undefined for anything that is not an amount with ≤ 2 decimals. */
export function parseYuan(text: string): Fen | undefined {
  // Accepts what formatFen writes ("-¥1,234.50") and what people type ("1234.5", "-1234.5").
  const match = /^(-)?¥?(\d{1,3}(?:,\d{3})+|\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, minus, whole = '', fraction = ''] = match;
  const fen = Number(whole.replace(/,/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return undefined;
  return minus && fen !== 0 ? -fen : fen;
}

/** Sums amounts in fen, refusing anything that is not one (a float would silently corrupt totals). */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const amount of amounts) {
    if (!isFen(amount)) throw new TypeError(`not an amount in fen: ${String(amount)}`);
    total += amount;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('amount overflow');
  return total;
}
