/** An internal note on the case (refunds:note): it joins the timeline, never shown to the buyer. */
import type { AfterSalesDetail } from '@siyu/shared';
import { useState } from 'react';
import { Form, maxLength, required, SaveButton, TextInput, useCanAccess, useNotify } from 'react-admin';
import { errorKey, fieldErrors } from '../orders/orderErrors';
import { useRefreshCases } from './queries';
import { addCaseNote } from './refundApi';
import { Section } from './Section';

const t = (key: string) => `resources.refunds.notes.${key}`;

export const CaseNotes = ({ record }: { record: AfterSalesDetail }) => {
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'note' });
  const notify = useNotify();
  const refreshCases = useRefreshCases();
  // A new key empties the form after a save.
  const [round, setRound] = useState(0);
  if (!canAccess) return null;
  const submit = async (values: Record<string, unknown>) => {
    try {
      await addCaseNote(record.id, { body: String(values.body ?? '').trim() });
      notify(t('done'), { type: 'success' });
      setRound((n) => n + 1);
      await refreshCases();
      return undefined;
    } catch (error) {
      const fields = fieldErrors(error);
      notify(errorKey(error), { type: 'error' });
      return fields;
    }
  };
  return (
    <Section title="resources.refunds.sections.notes" testId="case-notes">
      <Form key={round} onSubmit={submit} record={{ body: '' }}>
        <TextInput
          source="body"
          label={t('add')}
          helperText={t('body_help')}
          validate={[required(), maxLength(500)]}
          multiline
          minRows={2}
          fullWidth
        />
        <SaveButton label={t('save')} variant="outlined" alwaysEnable={false} />
      </Form>
    </Section>
  );
};
