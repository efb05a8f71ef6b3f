/**
 * Staff's internal notes on an order, newest first (never shown to the buyer), and a field to
 * add one for whoever holds orders:note (operators and customer service).
 */
import { List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { OrderDetail } from '@siyu/shared';
import { useCanAccess, useLocaleState, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { NoteForm } from '../../ui/NoteForm';
import { addOrderNote } from './orderApi';

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
  const refresh = useRefresh();
  if (!canAccess) return null;
  return (
    <NoteForm
      save={(body) => addOrderNote(order.id, { body })}
      onSaved={refresh}
      messages="resources.orders.notes"
    />
  );
};
