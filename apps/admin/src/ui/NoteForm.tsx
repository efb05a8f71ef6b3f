/**
 * The field staff add an internal note with (orders and after-sales cases): saves through
 * `save`, empties itself after a save, puts server field errors inline and the rest in a
 * notification. `messages` is the i18n prefix holding add, body_help, save and done.
 */
import { useState } from 'react';
import { Form, maxLength, required, SaveButton, TextInput, useNotify } from 'react-admin';
import { errorKey, fieldErrors } from '../resources/orders/orderErrors';

type NoteFormProps = {
  save: (body: string) => Promise<unknown>;
  onSaved: () => unknown;
  messages: string;
};

export const NoteForm = ({ save, onSaved, messages }: NoteFormProps) => {
  const notify = useNotify();
  const t = (key: string) => `${messages}.${key}`;
  // A new key empties the form after a save.
  const [round, setRound] = useState(0);
  const submit = async (values: Record<string, unknown>) => {
    try {
      await save(String(values.body ?? '').trim());
      notify(t('done'), { type: 'success' });
      setRound((n) => n + 1);
      await onSaved();
      return undefined;
    } catch (error) {
      const fields = fieldErrors(error);
      if (fields) return fields;
      notify(errorKey(error), { type: 'error' });
      return undefined;
    }
  };
  return (
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
  );
};
