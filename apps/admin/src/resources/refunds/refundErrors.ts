/**
 * How the case page reads a refused action: field errors go inline on the dialog's form, the
 * message to a notification; when the case moved under us (someone else decided, the gateway
 * answered) the dialog closes and the page reloads so nobody decides on a stale case.
 */
import { errorCodeOf } from '../../providers/httpError';
import { errorKey, fieldErrors } from '../orders/orderErrors';

export type CaseErrorOutcome = {
  /** Input path → message for the form (already in words, or an i18n key). */
  fields?: Record<string, string>;
  /** The notification's i18n key. */
  message: string;
  /** The case changed: close the dialog and reload. */
  stale: boolean;
};

const staleCodes = new Set(['VERSION_CONFLICT', 'ILLEGAL_TRANSITION', 'NOT_FOUND']);

/** `amountField`: the form's amount input, where REFUND_AMOUNT_EXCEEDED belongs. */
export function caseErrorOutcome(error: unknown, amountField?: string): CaseErrorOutcome {
  const code = errorCodeOf(error);
  const message = errorKey(error);
  if (code && staleCodes.has(code)) return { message, stale: true };
  const fields = fieldErrors(error);
  if (amountField && code === 'REFUND_AMOUNT_EXCEEDED')
    return { fields: { [amountField]: message, ...fields }, message, stale: false };
  if (fields && amountField && fields.amount && amountField !== 'amount') {
    const { amount, ...rest } = fields;
    return { fields: { ...rest, [amountField]: amount }, message, stale: false };
  }
  return fields ? { fields, message, stale: false } : { message, stale: false };
}
