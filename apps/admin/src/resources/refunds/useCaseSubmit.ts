/**
 * What every case action does after the request: on success a notification, the dialog closed
 * and the case, queue and counts refreshed; on refusal the server's field errors returned to the
 * form (react-admin shows them inline), the message notified, and a stale case reloaded.
 */
import type { AfterSalesDetail } from '@siyu/shared';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useRefreshCases } from './queries';
import { caseErrorOutcome } from './refundErrors';

type Options = {
  /** The notification once done, with the case after the action. */
  done: (after: AfterSalesDetail) => { key: string; values?: Record<string, unknown> };
  onClose: () => void;
  /** The form's amount input, where an amount refusal belongs. */
  amountField?: string;
};

export function useCaseSubmit({ done, onClose, amountField }: Options) {
  const notify = useNotify();
  const translate = useTranslate();
  const refreshCases = useRefreshCases();
  const [saving, setSaving] = useState(false);

  const submit = async (send: () => Promise<AfterSalesDetail>) => {
    setSaving(true);
    try {
      const after = await send();
      const message = done(after);
      notify(message.key, { type: 'success', messageArgs: message.values });
      onClose();
      await refreshCases();
      return undefined;
    } catch (error) {
      const outcome = caseErrorOutcome(error, amountField);
      if (outcome.stale) {
        notify(translate('resources.refunds.errors.stale', { reason: translate(outcome.message) }), {
          type: 'warning',
        });
        onClose();
        await refreshCases();
        return undefined;
      }
      notify(outcome.message, { type: 'error' });
      return outcome.fields;
    } finally {
      setSaving(false);
    }
  };

  return { submit, saving };
}
