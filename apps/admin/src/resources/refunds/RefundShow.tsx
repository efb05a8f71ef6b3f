/**
 * 售后单: the case with everything needed to decide it — the customer's request, the money, the
 * return, the order and the member beside it, the timeline and notes — and only the actions the
 * server allows this person now. While the refund is at the gateway the page asks every 2 s, so
 * `refunding` turns `refunded` by itself when the payment channel answers.
 */
import { Grid, Stack } from '@mui/material';
import type { AfterSalesDetail } from '@siyu/shared';
import { Show, useRecordContext } from 'react-admin';
import { AmountsPanel } from './AmountsPanel';
import { CaseActions } from './CaseActions';
import { CaseDetails } from './CaseDetails';
import { CaseHeader } from './CaseHeader';
import { CaseNotes } from './CaseNotes';
import { CaseTimeline } from './CaseTimeline';
import { MemberContext, OrderContext } from './ContextPanels';
import { ReturnPanel } from './ReturnPanel';
import { NowProvider } from './useNow';

const POLL_WHILE_REFUNDING_MS = 2_000;

const CaseLayout = () => {
  const record = useRecordContext<AfterSalesDetail>();
  // The list's row stands in until the detail (items, order, timeline) arrives.
  if (!record?.order || !record.timeline) return null;
  return (
    <NowProvider>
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <CaseHeader record={record} />
            <CaseDetails record={record} />
            <AmountsPanel record={record} />
            <ReturnPanel record={record} />
            <CaseTimeline record={record} />
            <CaseNotes record={record} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <OrderContext record={record} />
            <MemberContext record={record} />
          </Stack>
        </Grid>
      </Grid>
    </NowProvider>
  );
};

const RefundShow = () => (
  <Show
    actions={<CaseActions />}
    component="div"
    queryOptions={{
      refetchInterval: (query) =>
        (query.state.data as AfterSalesDetail | undefined)?.status === 'refunding'
          ? POLL_WHILE_REFUNDING_MS
          : false,
    }}
  >
    <CaseLayout />
  </Show>
);

export default RefundShow;
