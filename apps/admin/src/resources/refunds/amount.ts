/**
 * Refund amounts are typed in yuan and sent in fen (integers, as every amount in the shop). The
 * dialogs prefill the yuan text from fen, check it against the case's limit as the person types,
 * and send fen.
 */
import { formatFen } from '@siyu/shared';
import { isBlank, toFen, yuanText } from '../products/money';

const key = (name: string) => `resources.refunds.amount.${name}`;

/** 12345 → "123.45" (no symbol, no thousands separator: what an input holds). */
export const fenToYuanText = (fen: number | null | undefined): string => (fen == null ? '' : yuanText(fen));

/** Fen from what was typed; undefined when blank or not an amount of yuan with at most 2 decimals. */
export const yuanTextToFen = (value: unknown): number | undefined =>
  isBlank(value) ? undefined : toFen(value);

/** The i18n key (with its values when it has some) of what is wrong with a typed refund amount. */
export function refundAmountError(
  value: unknown,
  maxFen: number,
): string | { message: string; args: Record<string, string> } | undefined {
  if (isBlank(value)) return key('required');
  const fen = yuanTextToFen(value);
  if (fen === undefined) return key('invalid');
  if (fen < 1) return key('positive');
  if (fen > maxFen) return { message: key('above_limit'), args: { limit: formatFen(maxFen) } };
  return undefined;
}

/** Above the approval limit CS's approval is the first of two: an admin approves too. */
export const needsAdminApproval = (amountFen: number | undefined, approvalLimit: number | undefined) =>
  amountFen !== undefined && approvalLimit !== undefined && amountFen > approvalLimit;

/** The filter inputs of the queue: yuan typed, fen in the filter. */
export { formatYuanFilter, parseYuanFilter } from '../products/money';
