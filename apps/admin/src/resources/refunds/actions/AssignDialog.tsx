/**
 * 分配: hand the case to a colleague, or back to the queue (unassigned). Named colleagues are
 * offered to whoever may read the staff list; everyone else can take it (认领) or put it back.
 */
import { Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from '@mui/material';
import type { AfterSalesDetail, StaffUser } from '@siyu/shared';
import { Form, SelectInput, useCanAccess, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { assignCase } from '../refundApi';
import { useCaseSubmit } from '../useCaseSubmit';

const t = (key: string) => `resources.refunds.assign.${key}`;

/** 0 stands for "unassigned" in the select (a select cannot hold null). */
const UNASSIGNED = 0;

export const useAssigneeOptions = (current: number | null) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { canAccess } = useCanAccess({ resource: 'staff-users', action: 'list' });
  const { data: staff } = useGetList<StaffUser>(
    'staff-users',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'displayName', order: 'ASC' }, filter: {} },
    { enabled: canAccess === true },
  );
  const me = typeof identity?.id === 'number' ? identity.id : undefined;
  const colleagues = (staff ?? [])
    .filter((u) => !u.disabled && (u.role === 'customer_service' || u.role === 'admin'))
    .map((u) => ({
      id: u.id,
      name: u.id === me ? `${u.displayName}（${translate('resources.refunds.assignee.me')}）` : u.displayName,
    }));
  const choices = [{ id: UNASSIGNED, name: translate('resources.refunds.assignee.none') }, ...colleagues];
  // Without the staff list the only other choice than the current one is putting it back.
  const useful = choices.some((c) => c.id !== (current ?? UNASSIGNED));
  return { choices, useful };
};

export const AssignDialog = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const { choices } = useAssigneeOptions(record.assigneeId);
  const { submit, saving } = useCaseSubmit({
    onClose,
    done: (after) =>
      after.assigneeName
        ? { key: t('done'), values: { name: after.assigneeName } }
        : { key: t('done_unassigned') },
  });
  const onSubmit = (values: Record<string, unknown>) => {
    const id = Number(values.assigneeId);
    return submit(() => assignCase(record, { assigneeId: id === UNASSIGNED ? null : id }));
  };
  const titleId = `assign-title-${record.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <Form onSubmit={onSubmit} record={{ assigneeId: record.assigneeId ?? UNASSIGNED }}>
        <DialogTitle id={titleId}>{translate(t('title'), { caseNo: record.caseNo })}</DialogTitle>
        <DialogContent>
          <SelectInput
            source="assigneeId"
            label={t('assignee')}
            choices={choices}
            translateChoice={false}
            emptyText=""
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={saving}>
            {translate(t('confirm'))}
          </MuiButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
