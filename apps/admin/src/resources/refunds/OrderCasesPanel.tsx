/**
 * The order page's after-sales panel: this order's cases (GET /api/refunds?filter={"orderId"}),
 * each opening its case; shown to roles that may read after-sales.
 */
import { Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { type AfterSalesCase, formatFen, type Order } from '@siyu/shared';
import {
  Link as RouterLink,
  useCanAccess,
  useCreatePath,
  useGetList,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CaseStatusChip, CaseTypeLabel } from './fields';

const t = (key: string) => `resources.refunds.${key}`;

export const OrderCasesPanel = (_props: { label?: string }) => {
  const order = useRecordContext<Order>();
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'list' });
  if (!order || !canAccess) return null;
  return <Cases orderId={order.id} />;
};

const Cases = ({ orderId }: { orderId: number }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useGetList<AfterSalesCase>('refunds', {
    filter: { orderId },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  if (isPending) return null;
  if (error)
    return (
      <Typography variant="body2" color="error">
        {translate(t('order_cases.failed'))}
      </Typography>
    );
  if (!data || data.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(t('order_cases.empty'))}
      </Typography>
    );
  return (
    <Table size="small" sx={{ maxWidth: 900 }} data-testid="order-cases">
      <TableHead>
        <TableRow>
          <TableCell>{translate(t('fields.caseNo'))}</TableCell>
          <TableCell>{translate(t('fields.type'))}</TableCell>
          <TableCell>{translate(t('fields.status'))}</TableCell>
          <TableCell>{translate(t('fields.reasonLabel'))}</TableCell>
          <TableCell align="right">{translate(t('fields.requestedAmount'))}</TableCell>
          <TableCell align="right">{translate(t('fields.approvedAmount'))}</TableCell>
          <TableCell>{translate(t('fields.createdAt'))}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              <Link component={RouterLink} to={createPath({ resource: 'refunds', type: 'show', id: c.id })}>
                {c.caseNo}
              </Link>
            </TableCell>
            <TableCell>
              <CaseTypeLabel type={c.type} />
            </TableCell>
            <TableCell>
              <CaseStatusChip status={c.status} />
            </TableCell>
            <TableCell>{c.reasonLabel}</TableCell>
            <TableCell align="right">{formatFen(c.requestedAmount)}</TableCell>
            <TableCell align="right">
              {c.approvedAmount === null ? '—' : formatFen(c.approvedAmount)}
            </TableCell>
            <TableCell>{new Date(c.createdAt).toLocaleString(locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export default OrderCasesPanel;
