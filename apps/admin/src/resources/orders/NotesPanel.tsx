/**
 * Staff's internal notes on an order, newest first (never shown to the buyer), and a field to
 * add one for whoever holds orders:note (operators and customer service).
 */
import { List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { OrderDetail } from '@siyu/shared';
import { useState } from 'react';
import {
  Form,
  maxLength,
  required,
  SaveButton,
  TextInput,
  useCanAccess,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { addOrderNote } from './orderApi';
import { errorKey, fieldErrors } from './orderErrors';

const t = (key: string) => `resources.orders.notes.${key}`;

export const NotesPanel = (_props: { label?: string }) => {
  const order = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!order?.notes) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%', maxWidth: 720 }}>
      {order.notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(t('empty'))}
        </Typography>
      ) : (
        <List dense disablePadding data-testid="order-notes">
          {order.notes.map((note) => (
            <ListItem key={note.id} disableGutters>
              <ListItemText
                primary={note.body}
                slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap' } } }}
                secondary={translate(t('by'), {
                  name: note.authorName ?? translate(t('unknown_author')),
                  at: new Date(note.createdAt).toLocaleString(locale),
                })}
              />
            </ListItem>
          ))}
        </List>
      )}
      <AddNote order={order} />
    </Stack>
  );
};

const AddNote = ({ order }: { order: OrderDetail }) => {
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'note' });
  const notify = useNotify();
  const refresh = useRefresh();
  // A new key empties the form after a save.
  const [round, setRound] = useState(0);
  if (!canAccess) return null;
  const submit = async (values: Record<string, unknown>) => {
    try {
      await addOrderNote(order.id, { body: String(values.body ?? '').trim() });
      notify(t('done'), { type: 'success' });
      setRound((n) => n + 1);
      refresh();
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
