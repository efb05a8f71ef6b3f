/**
 * 售后工作台: the customer-service queue. Sorted by deadline (overdue first), each row counts
 * down to its SLA; overdue rows are marked red and rows due within DUE_SOON_HOURS amber.
 */
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { Box, Typography } from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import type { AfterSalesCase } from '@siyu/shared';
import { DataTable, FilterButton, List, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import { MoneyField } from '../orders/fields';
import { BulkApproveButton } from './BulkApproveButton';
import {
  AssigneeField,
  CaseMemberField,
  CaseNoField,
  CaseStatusField,
  OrderLinkField,
  ReasonField,
  SlaField,
} from './fields';
import { QueueTabs } from './QueueTabs';
import { slaCountdown } from './sla';
import { useQueueFilters } from './useFilters';
import { NowProvider, useNow } from './useNow';

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 6 }} data-testid="refunds-empty">
      <SupportAgentIcon sx={{ fontSize: 64, color: 'text.secondary' }} />
      <Typography variant="h6">{translate('resources.refunds.empty')}</Typography>
    </Box>
  );
};

const nowrap = () => ({ whiteSpace: 'nowrap' }) as const;

/** Overdue: a red edge and tint; due soon: amber. */
const rowSxAt = (now: number) => (record: AfterSalesCase) => {
  const state = slaCountdown(record.slaDueAt, now)?.state;
  if (state === 'overdue')
    return (theme: Theme) => ({
      bgcolor: alpha(theme.palette.error.main, 0.07),
      boxShadow: `inset 4px 0 0 ${theme.palette.error.main}`,
    });
  if (state === 'due_soon')
    return (theme: Theme) => ({
      bgcolor: alpha(theme.palette.warning.main, 0.1),
      boxShadow: `inset 4px 0 0 ${theme.palette.warning.main}`,
    });
  return {};
};

const QueueTable = () => {
  const now = useNow();
  const { canAccess: canApprove } = useCanAccess({ resource: 'refunds', action: 'approve' });
  return (
    <DataTable
      rowClick="show"
      rowSx={rowSxAt(now)}
      bulkActionButtons={canApprove ? <BulkApproveButton /> : false}
      // Nine columns on a laptop screen: tighter cells than the default.
      sx={{ '& .MuiTableCell-root': { px: 1 }, '& .MuiTableCell-head': { whiteSpace: 'nowrap' } }}
    >
      <DataTable.Col source="caseNo" field={CaseNoField} disableSort cellSx={nowrap} />
      <DataTable.Col source="status" field={CaseStatusField} disableSort cellSx={nowrap} />
      <DataTable.Col source="slaDueAt" field={SlaField} cellSx={nowrap} />
      <DataTable.Col label="resources.refunds.fields.member" field={CaseMemberField} cellSx={nowrap} />
      <DataTable.Col source="orderNo" field={OrderLinkField} disableSort />
      <DataTable.Col source="reasonLabel" field={ReasonField} disableSort />
      <DataTable.Col source="requestedAmount" cellSx={nowrap}>
        <MoneyField source="requestedAmount" />
      </DataTable.Col>
      <DataTable.Col source="assigneeName" field={AssigneeField} disableSort cellSx={nowrap} />
    </DataTable>
  );
};

const RefundList = () => {
  const filters = useQueueFilters();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ awaitingAction: true }}
      actions={<ListActions />}
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      perPage={25}
      exporter={false}
      empty={<Empty />}
      // A narrow window scrolls the table inside its card, not the whole page; the deadline
      // comes right after the status so it stays in view.
      sx={{ '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } }}
    >
      <QueueTabs />
      <NowProvider>
        <QueueTable />
      </NowProvider>
    </List>
  );
};

export default RefundList;
