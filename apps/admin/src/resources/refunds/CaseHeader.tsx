/** The top of the case: number, status, type, the SLA countdown and whose turn it is. */
import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { AfterSalesDetail } from '@siyu/shared';
import { useLocaleState, useTranslate } from 'react-admin';
import { CaseStatusChip, CaseTypeLabel, SlaCountdown } from './fields';
import { Fact } from './Section';
import { whoseTurn } from './whoseTurn';

const turnSeverity = { us: 'warning', admin: 'info', buyer: 'info', gateway: 'info' } as const;

export const CaseHeader = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const turn = whoseTurn(record);
  const at = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h1" data-testid="case-no">
            {record.caseNo}
          </Typography>
          <CaseStatusChip status={record.status} />
          <Typography variant="body2" color="text.secondary">
            <CaseTypeLabel type={record.type} />
            {' · '}
            {translate(`resources.refunds.source.${record.source}`)}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          {record.slaDueAt ? <SlaCountdown dueAt={record.slaDueAt} variant="h6" /> : null}
        </Stack>
        {turn ? (
          <Alert severity={turnSeverity[turn.waitsOn]} sx={{ mt: 2 }} data-testid="whose-turn">
            {translate(turn.key, turn.values)}
          </Alert>
        ) : null}
        {record.status === 'rejected' && record.rejectReason ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {translate('resources.refunds.timeline.detail_line', {
              label: translate('resources.refunds.fields.rejectReason'),
              value: record.rejectReason,
            })}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={4} useFlexGap sx={{ mt: 2, flexWrap: 'wrap', rowGap: 1 }}>
          <Fact label="resources.refunds.fields.assigneeName">
            {record.assigneeName ?? translate('resources.refunds.assignee.none')}
          </Fact>
          <Fact label="resources.refunds.fields.createdAt">{at(record.createdAt)}</Fact>
          {record.slaDueAt ? (
            <Fact label="resources.refunds.fields.slaDueAt">{at(record.slaDueAt)}</Fact>
          ) : null}
          {record.autoApproveAt ? (
            <Fact label="resources.refunds.fields.autoApproveAt">{at(record.autoApproveAt)}</Fact>
          ) : null}
          {record.returnDueAt && !record.returnShippedAt ? (
            <Fact label="resources.refunds.fields.returnDueAt">{at(record.returnDueAt)}</Fact>
          ) : null}
          {record.closedAt ? (
            <Fact label="resources.refunds.fields.closedAt">{at(record.closedAt)}</Fact>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};
