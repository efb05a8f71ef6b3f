import DeleteIcon from '@mui/icons-material/Delete';
import type { Category } from '@siyu/shared';
import { useState } from 'react';
import { Button, Confirm, useDelete, useNotify, useRecordContext, useRefresh } from 'react-admin';

/** Deletes after confirmation; the server refuses (409) while products or children remain. */
export const DeleteCategoryButton = () => {
  const record = useRecordContext<Category>();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const [remove, { isPending }] = useDelete<Category>();
  if (!record) return null;
  const confirm = () =>
    remove(
      'categories',
      { id: record.id, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('resources.categories.messages.deleted', { type: 'success' });
          refresh();
        },
        onError: (error) => {
          setOpen(false);
          notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
        },
      },
    );
  return (
    <>
      <Button label="ra.action.delete" color="error" onClick={() => setOpen(true)}>
        <DeleteIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="resources.categories.delete.title"
        titleTranslateOptions={{ name: record.name }}
        content="resources.categories.delete.content"
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
