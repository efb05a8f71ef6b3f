/** The small parts the queue and the case page share: chips, amounts, the member, the countdown. */
import { Chip, Link, Typography } from '@mui/material';
import {
  type AfterSalesCase,
  type AfterSalesStatus,
  type AfterSalesType,
  type Carrier,
  carriers,
} from '@siyu/shared';
import type { MouseEvent } from 'react';
import {
  Link as RouterLink,
  useCreatePath,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { countdownKey, slaCountdown } from './sla';
import { useNow } from './useNow';

type Color = 'default' | 'warning' | 'success' | 'info' | 'primary' | 'secondary' | 'error';

const statusColors: Record<AfterSalesStatus, Color> = {
  requested: 'warning',
  approved: 'info',
  rejected: 'default',
  awaiting_return: 'info',
  returned: 'primary',
  refunding: 'secondary',
  refunded: 'success',
  failed: 'error',
  withdrawn: 'default',
  closed: 'default',
};

export const CaseStatusChip = ({ status }: { status: AfterSalesStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      data-testid="case-status"
      color={statusColors[status]}
      label={translate(`resources.refunds.status.${status}`)}
    />
  );
};

export const CaseStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  return record ? <CaseStatusChip status={record.status} /> : null;
};

export const CaseTypeLabel = ({ type }: { type: AfterSalesType }) => {
  const translate = useTranslate();
  return <>{translate(`resources.refunds.type.${type}`)}</>;
};

/** The case number over its type (仅退款 / 退货退款): one column for both keeps the row short. */
export const CaseNoField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" sx={{ display: 'block' }}>
      {record.caseNo}
      <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
        <CaseTypeLabel type={record.type} />
      </Typography>
    </Typography>
  );
};

/** Nickname over the phone as the server masked it (138****1234). */
export const CaseMemberField = (_props: { label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
      {record.buyerNickname ?? '—'}
      {record.buyerPhone ? (
        <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
          {record.buyerPhone}
        </Typography>
      ) : null}
    </Typography>
  );
};

/** The order's number, opening the order (without opening the row's case too). */
export const OrderLink = ({ orderId, orderNo }: { orderId: number; orderNo: string }) => {
  const createPath = useCreatePath();
  return (
    <Link
      component={RouterLink}
      to={createPath({ resource: 'orders', type: 'show', id: orderId })}
      onClick={(event: MouseEvent) => event.stopPropagation()}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {orderNo}
    </Link>
  );
};

export const OrderLinkField = (_props: { label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  return record ? <OrderLink orderId={record.orderId} orderNo={record.orderNo} /> : null;
};

export const ReasonField = (_props: { label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
      {record.reasonLabel}
      {record.noReason ? (
        <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
          {translate('resources.refunds.fields.noReason')}
        </Typography>
      ) : null}
    </Typography>
  );
};

export const AssigneeField = (_props: { label?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  const translate = useTranslate();
  if (!record) return null;
  return record.assigneeName ? (
    <span>{record.assigneeName}</span>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary">
      {translate('resources.refunds.assignee.none')}
    </Typography>
  );
};

const slaColor = { overdue: 'error.main', due_soon: 'warning.dark', on_time: 'text.primary' } as const;

/** 剩余 3 小时 12 分 / 已超时 2 小时: ticks with the screen's clock; "—" when nobody here must act. */
export const SlaCountdown = ({
  dueAt,
  variant = 'body2',
}: {
  dueAt: string | null;
  variant?: 'body2' | 'h6';
}) => {
  const now = useNow();
  const translate = useTranslate();
  const countdown = slaCountdown(dueAt, now);
  if (!countdown)
    return (
      <Typography variant={variant} component="span" color="text.secondary" data-sla-state="none">
        {translate('resources.refunds.sla.none')}
      </Typography>
    );
  const time = translate(countdown.duration.key, countdown.duration.values);
  return (
    <Typography
      variant={variant}
      component="span"
      data-testid="sla-countdown"
      data-sla-state={countdown.state}
      title={dueAt ? new Date(dueAt).toLocaleString() : undefined}
      sx={{
        whiteSpace: 'nowrap',
        color: slaColor[countdown.state],
        fontWeight: countdown.state === 'on_time' ? undefined : 600,
      }}
    >
      {translate(countdownKey(countdown.state), { time })}
    </Typography>
  );
};

export const SlaField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<AfterSalesCase>();
  return record ? <SlaCountdown dueAt={record.slaDueAt} /> : null;
};

/** A carrier code (SF) by its name in the console's language; unknown codes as they are. */
export const useCarrierLabel = () => {
  const [locale] = useLocaleState();
  return (code: string | null | undefined): string => {
    if (!code) return '—';
    if (!Object.hasOwn(carriers, code)) return code;
    const carrier = carriers[code as Carrier];
    return locale === 'en' ? carrier.nameEn : carrier.nameZh;
  };
};
