/** The money of the case: asked, the most it may refund, approved, and the refund at the gateway. */
import { Chip, Grid, Stack } from '@mui/material';
import { type AfterSalesDetail, formatFen, type RefundStatus } from '@siyu/shared';
import { useLocaleState, useTranslate } from 'react-admin';
import { Fact, Section } from './Section';

const t = (key: string) => `resources.refunds.${key}`;

const refundColors: Record<RefundStatus, 'info' | 'success' | 'error'> = {
  processing: 'info',
  succeeded: 'success',
  failed: 'error',
};

export const AmountsPanel = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const at = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const refund = record.refund;
  return (
    <Section title={t('sections.amounts')} testId="case-amounts">
      <Grid container spacing={3}>
        <Grid>
          <Fact label={t('fields.requestedAmount')}>{formatFen(record.requestedAmount)}</Fact>
        </Grid>
        <Grid>
          <Fact label={t('fields.refundLimit')}>
            {formatFen(record.refundLimit)}
            {record.includesShipping ? ` (${translate(t('fields.includesShipping'))})` : ''}
          </Fact>
        </Grid>
        <Grid>
          <Fact label={t('fields.approvedAmount')}>
            <span data-testid="approved-amount">
              {record.approvedAmount === null ? '—' : formatFen(record.approvedAmount)}
            </span>
          </Fact>
        </Grid>
        {record.firstApprovedByName ? (
          <Grid>
            <Fact label={t('fields.firstApprovedByName')}>{record.firstApprovedByName}</Fact>
          </Grid>
        ) : null}
        {record.approvedByName ? (
          <Grid>
            <Fact label={t('fields.approvedByName')}>{record.approvedByName}</Fact>
          </Grid>
        ) : null}
      </Grid>
      {refund ? (
        <Stack spacing={1} sx={{ mt: 2 }} data-testid="case-refund">
          <Grid container spacing={3}>
            <Grid>
              <Fact label={t('refund.status')}>
                <Chip
                  size="small"
                  color={refundColors[refund.status]}
                  label={translate(t(`refund_status.${refund.status}`))}
                  data-testid="refund-status"
                />
              </Fact>
            </Grid>
            <Grid>
              <Fact label={t('refund.amount')}>{formatFen(refund.amount)}</Fact>
            </Grid>
            <Grid>
              <Fact label={t('refund.outRefundNo')}>
                <span style={{ fontFamily: 'monospace' }}>{refund.outRefundNo}</span>
              </Fact>
            </Grid>
            <Grid>
              <Fact label={t('refund.attempts')}>{refund.attempts}</Fact>
            </Grid>
            <Grid>
              <Fact label={t('refund.requestedAt')}>{at(refund.requestedAt)}</Fact>
            </Grid>
            {refund.succeededAt ? (
              <Grid>
                <Fact label={t('refund.succeededAt')}>{at(refund.succeededAt)}</Fact>
              </Grid>
            ) : null}
            {refund.failedAt ? (
              <Grid>
                <Fact label={t('refund.failedAt')}>{at(refund.failedAt)}</Fact>
              </Grid>
            ) : null}
            {refund.gatewayRefundId ? (
              <Grid>
                <Fact label={t('refund.gatewayRefundId')}>{refund.gatewayRefundId}</Fact>
              </Grid>
            ) : null}
          </Grid>
          {refund.failureReason ? (
            <Fact label={t('refund.failureReason')}>{refund.failureReason}</Fact>
          ) : null}
        </Stack>
      ) : null}
    </Section>
  );
};
