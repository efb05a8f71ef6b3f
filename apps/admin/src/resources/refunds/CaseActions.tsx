/**
 * The case page's buttons: only what the server lists in the case's `actions` (computed for the
 * signed-in role and the case's state) and the role's permission allow. Claiming and assigning
 * are not moves of the case, so they follow the permission and whether the case is still open.
 */
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BackHandIcon from '@mui/icons-material/BackHand';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import InventoryIcon from '@mui/icons-material/Inventory';
import PaymentsIcon from '@mui/icons-material/Payments';
import ReplayIcon from '@mui/icons-material/Replay';
import { type AfterSalesDetail, type AfterSalesTransition, finalAfterSalesStatuses } from '@siyu/shared';
import { type ReactElement, useState } from 'react';
import {
  Button,
  Confirm,
  ListButton,
  TopToolbar,
  useCanAccess,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { SiyuIdentity } from '../../providers/authProvider';
import { ApproveDialog } from './actions/ApproveDialog';
import { AssignDialog, useAssigneeOptions } from './actions/AssignDialog';
import { ReceiveDialog } from './actions/ReceiveDialog';
import { RejectDialog } from './actions/RejectDialog';
import { StartRefundDialog } from './actions/StartRefundDialog';
import { claimCase, retryRefund } from './refundApi';
import { useCaseSubmit } from './useCaseSubmit';

type Dialogs = 'approve' | 'reject' | 'receive' | 'start_refund' | 'retry' | 'assign' | undefined;

const t = (key: string) => `resources.refunds.${key}`;

const useMay = (action: 'approve' | 'reject' | 'edit') =>
  useCanAccess({ resource: 'refunds', action }).canAccess === true;

/** The server's actions list and the role's permission, both. */
const allows = (record: AfterSalesDetail, transition: AfterSalesTransition, permitted: boolean) =>
  permitted && record.actions.includes(transition);

export const CaseActions = () => {
  const record = useRecordContext<AfterSalesDetail>();
  return (
    <TopToolbar>
      {/* The list's row stands in for the record until the detail (with actions) arrives. */}
      {record?.actions ? <Buttons record={record} /> : null}
      <ListButton />
    </TopToolbar>
  );
};

const Buttons = ({ record }: { record: AfterSalesDetail }) => {
  const [open, setOpen] = useState<Dialogs>();
  const mayApprove = useMay('approve');
  const mayReject = useMay('reject');
  const mayEdit = useMay('edit');
  const { identity } = useGetIdentity();
  const isAdmin = (identity as SiyuIdentity | undefined)?.role === 'admin';
  const { useful: assignUseful } = useAssigneeOptions(record.assigneeId);
  const isOpen = !(finalAfterSalesStatuses as readonly string[]).includes(record.status);
  const close = () => setOpen(undefined);
  // After a first approval above the limit only an admin may approve (the server refuses others).
  const approvable = record.approvalStage !== 'admin' || isAdmin;

  const buttons: ReactElement[] = [];
  // Claimed while customer service must act; a colleague's case is theirs (the server answers
  // 409), it can be reassigned instead.
  if (mayEdit && record.slaDueAt !== null && record.assigneeId === null)
    buttons.push(<ClaimButton key="claim" record={record} />);
  if (mayEdit && isOpen && assignUseful)
    buttons.push(
      <Button key="assign" label={t('assign.button')} onClick={() => setOpen('assign')}>
        <AssignmentIndIcon />
      </Button>,
    );
  if (approvable && allows(record, 'approve', mayApprove))
    buttons.push(
      <Button
        key="approve"
        label={t('approve.button')}
        variant="contained"
        color="success"
        onClick={() => setOpen('approve')}
      >
        <CheckIcon />
      </Button>,
    );
  if (allows(record, 'reject', mayReject))
    buttons.push(
      <Button
        key="reject"
        label={t('reject.button')}
        variant="outlined"
        color="error"
        onClick={() => setOpen('reject')}
      >
        <CloseIcon />
      </Button>,
    );
  if (allows(record, 'receive_return', mayEdit))
    buttons.push(
      <Button
        key="receive"
        label={t('receive.button')}
        variant="contained"
        onClick={() => setOpen('receive')}
      >
        <InventoryIcon />
      </Button>,
    );
  if (allows(record, 'start_refund', mayApprove))
    buttons.push(
      <Button
        key="start"
        label={t('start_refund.button')}
        variant="contained"
        onClick={() => setOpen('start_refund')}
      >
        <PaymentsIcon />
      </Button>,
    );
  if (allows(record, 'retry_refund', mayApprove))
    buttons.push(
      <Button
        key="retry"
        label={t('retry.button')}
        variant="contained"
        color="warning"
        onClick={() => setOpen('retry')}
      >
        <ReplayIcon />
      </Button>,
    );

  return (
    <>
      {buttons}
      {open === 'approve' ? <ApproveDialog record={record} onClose={close} /> : null}
      {open === 'reject' ? <RejectDialog record={record} onClose={close} /> : null}
      {open === 'receive' ? <ReceiveDialog record={record} onClose={close} /> : null}
      {open === 'start_refund' ? <StartRefundDialog record={record} onClose={close} /> : null}
      {open === 'assign' ? <AssignDialog record={record} onClose={close} /> : null}
      {open === 'retry' ? <RetryConfirm record={record} onClose={close} /> : null}
    </>
  );
};

const ClaimButton = ({ record }: { record: AfterSalesDetail }) => {
  const { submit, saving } = useCaseSubmit({
    onClose: () => undefined,
    done: () => ({ key: t('claim.done') }),
  });
  return (
    <Button label={t('claim.button')} disabled={saving} onClick={() => submit(() => claimCase(record))}>
      <BackHandIcon />
    </Button>
  );
};

/** Same refund number again: the gateway can never pay it twice. */
const RetryConfirm = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const { submit, saving } = useCaseSubmit({
    onClose,
    done: (after) => ({
      key: t('retry.done'),
      values: { status: translate(`resources.refunds.status.${after.status}`) },
    }),
  });
  return (
    <Confirm
      isOpen
      loading={saving}
      title={t('retry.title')}
      content={t('retry.content')}
      titleTranslateOptions={{ caseNo: record.caseNo }}
      contentTranslateOptions={{
        outRefundNo: record.refund?.outRefundNo ?? '—',
        reason: record.refund?.failureReason ?? '—',
      }}
      confirm={t('retry.confirm')}
      confirmColor="warning"
      onConfirm={() => submit(() => retryRefund(record))}
      onClose={onClose}
    />
  );
};
