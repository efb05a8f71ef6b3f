/** Beside the case: the order it belongs to and the member who asked, so CS decides in context. */
import { Chip, Grid, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { type AfterSalesDetail, formatFen } from '@siyu/shared';
import { useTranslate } from 'react-admin';
import { OrderLink } from './fields';
import { Fact, Section } from './Section';

const t = (key: string) => `resources.refunds.${key}`;

export const OrderContext = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  const order = record.order;
  const money = [
    ['paidAmount', order.paidAmount],
    ['shippingFee', order.shippingFee],
    ['discountAmount', order.discountAmount],
    ['refundedAmount', order.refundedAmount],
    ['refundingAmount', order.refundingAmount],
    ['refundableAmount', order.refundableAmount],
  ] as const;
  return (
    <Section title={t('sections.order')} testId="case-order">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
        <OrderLink orderId={order.id} orderNo={order.orderNo} />
        <Chip size="small" variant="outlined" label={translate(`resources.orders.status.${order.status}`)} />
      </Stack>
      <Grid container spacing={2}>
        {money.map(([field, value]) => (
          <Grid key={field} size={{ xs: 6 }}>
            <Fact label={t(`order.${field}`)}>
              <span data-testid={`order-${field}`}>{formatFen(value)}</span>
            </Fact>
          </Grid>
        ))}
      </Grid>
      {/* A narrow column: each line as a title over its counts rather than a wide table. */}
      <Typography variant="caption" color="text.secondary" component="h3" sx={{ mt: 2, display: 'block' }}>
        {translate(t('order.lines'))}
      </Typography>
      <List dense disablePadding data-testid="case-order-lines">
        {order.items.map((line) => (
          <ListItem key={line.id} disableGutters divider>
            <ListItemText
              primary={line.title}
              secondary={
                <>
                  <span style={{ display: 'block' }}>{[line.skuCode, ...line.specValues].join(' / ')}</span>
                  <span style={{ display: 'block' }}>
                    {translate(t('order.line_counts'), {
                      quantity: line.quantity,
                      shipped: line.shippedQuantity,
                      afterSales: line.afterSalesQuantity,
                      paidShare: formatFen(line.paidShare),
                    })}
                  </span>
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
};

export const MemberContext = ({ record }: { record: AfterSalesDetail }) => {
  const member = record.member;
  return (
    <Section title={t('sections.member')} testId="case-member">
      <Grid container spacing={2}>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.nickname')}>{member.nickname ?? '—'}</Fact>
        </Grid>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.phone')}>{member.phone ?? '—'}</Fact>
        </Grid>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.orderCount')}>{member.orderCount}</Fact>
        </Grid>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.totalSpent')}>{formatFen(member.totalSpent)}</Fact>
        </Grid>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.caseCount')}>{member.caseCount}</Fact>
        </Grid>
        <Grid size={{ xs: 6 }}>
          <Fact label={t('member.refundedTotal')}>{formatFen(member.refundedTotal)}</Fact>
        </Grid>
      </Grid>
    </Section>
  );
};
