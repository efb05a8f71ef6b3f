/** What the customer asked for: reason, description, photos, the lines and their refund caps. */
import {
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { type AfterSalesDetail, formatFen } from '@siyu/shared';
import { useTranslate } from 'react-admin';
import { Photos } from './Photos';
import { Fact, Section } from './Section';

const t = (key: string) => `resources.refunds.${key}`;

export const CaseDetails = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  const received = record.items.some(
    (item) => item.sellableQuantity !== null || item.damagedQuantity !== null,
  );
  return (
    <Section title={t('sections.case')} testId="case-details">
      <Stack spacing={2}>
        <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Fact label={t('fields.reasonLabel')}>
            {record.reasonLabel}
            {record.noReason ? ` · ${translate(t('fields.noReason'))}` : ''}
          </Fact>
          <Fact label={t('fields.itemCount')}>{record.itemCount}</Fact>
        </Stack>
        <Fact label={t('fields.description')}>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {record.description || '—'}
          </Typography>
        </Fact>
        <Fact label={t('fields.photos')}>
          <Photos photos={record.photos} />
        </Fact>
        <TableContainer>
          <Table
            size="small"
            aria-label={translate(t('fields.items'))}
            sx={{ '& th': { whiteSpace: 'nowrap' } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{translate(t('item.title'))}</TableCell>
                <TableCell>{translate(t('item.skuCode'))}</TableCell>
                <TableCell align="right">{translate(t('item.unitPrice'))}</TableCell>
                <TableCell align="right">{translate(t('item.quantity'))}</TableCell>
                <TableCell align="right">{translate(t('item.refundCap'))}</TableCell>
                {received ? <TableCell align="right">{translate(t('item.received'))}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {record.items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell>
                    {item.title}
                    {item.specValues.length > 0 ? (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {item.specValues.join(' / ')}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.skuCode}</TableCell>
                  <TableCell align="right">{formatFen(item.unitPrice)}</TableCell>
                  <TableCell align="right">{item.quantity}</TableCell>
                  <TableCell align="right">{formatFen(item.refundCap)}</TableCell>
                  {received ? (
                    <TableCell align="right">
                      {translate(t('item.received_split'), {
                        sellable: item.sellableQuantity ?? 0,
                        damaged: item.damagedQuantity ?? 0,
                      })}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Stack>
    </Section>
  );
};
