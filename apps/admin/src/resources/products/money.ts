/**
 * Prices are typed in yuan and sent in fen. An input holds the record's fen number until the
 * person types, then the typed text; `toFen` turns either into fen at submit time.
 */
import { formatFen, parseYuan } from '@siyu/shared';

/** What a price input shows: fen → "1234.50", typed text as typed. */
export function yuanText(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value))
    return formatFen(value, { symbol: false }).replace(/,/g, '');
  return typeof value === 'string' ? value : '';
}

/** Fen from a form value (fen number or yuan text); undefined when empty or not an amount ≥ 0. */
export function toFen(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const fen = parseYuan(value);
  return fen !== undefined && fen >= 0 ? fen : undefined;
}

export const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Validator for a price input: blank is for `required` to judge, anything else must be yuan. */
export const validateYuan = (value: unknown) =>
  isBlank(value) || toFen(value) !== undefined ? undefined : 'resources.products.validation.yuan';

/** Filter inputs: yuan typed ↔ fen in the filter. */
export const parseYuanFilter = (value: string) => (value.trim() === '' ? undefined : (toFen(value) ?? value));
export const formatYuanFilter = (value: unknown) => yuanText(value);
