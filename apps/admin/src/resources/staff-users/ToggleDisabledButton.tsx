import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import type { StaffUser } from '@siyu/shared';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useUpdate } from 'react-admin';

/** Disables (or re-enables) an account after confirmation; the server ends its sessions. */
export const ToggleDisabledButton = () => {
  const record = useRecordContext<StaffUser>();
  const { canAccess } = useCanAccess({ resource: 'staff-users', action: 'edit' });
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const [update, { isPending }] = useUpdate<StaffUser>();

  if (!record || !canAccess) return null;
  const mode = record.disabled ? 'enable' : 'disable';

  const confirm = () =>
    update(
      'staff-users',
      { id: record.id, data: { disabled: !record.disabled }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify(`resources.staff-users.${mode}.done`, { type: 'success' });
        },
        onError: (error) => {
          setOpen(false);
          notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
        },
      },
    );

  return (
    <>
      <Button
        label={`resources.staff-users.actions.${mode}`}
        color={record.disabled ? 'primary' : 'error'}
        onClick={() => setOpen(true)}
      >
        {record.disabled ? <CheckCircleIcon /> : <BlockIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={`resources.staff-users.${mode}.title`}
        titleTranslateOptions={{ name: record.displayName }}
        content={`resources.staff-users.${mode}.content`}
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
