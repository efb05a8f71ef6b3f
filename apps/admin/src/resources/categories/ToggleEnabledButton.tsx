import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import type { Category } from '@siyu/shared';
import { Button, useNotify, useRecordContext, useUpdate } from 'react-admin';

/** Enables or disables a category (PATCH with If-Match, pessimistic). */
export const ToggleEnabledButton = () => {
  const record = useRecordContext<Category>();
  const notify = useNotify();
  const [update, { isPending }] = useUpdate<Category>();
  if (!record) return null;
  const mode = record.enabled ? 'disable' : 'enable';
  const toggle = () =>
    update(
      'categories',
      { id: record.id, data: { enabled: !record.enabled }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => notify(`resources.categories.messages.${mode}d`, { type: 'success' }),
        onError: (error) =>
          notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' }),
      },
    );
  return (
    <Button label={`resources.categories.actions.${mode}`} onClick={toggle} disabled={isPending}>
      {record.enabled ? <PauseCircleIcon /> : <CheckCircleIcon />}
    </Button>
  );
};
