/** A return's way back: where it goes, the customer's parcel, when it is due and when it came. */
import { Grid } from '@mui/material';
import type { AfterSalesDetail } from '@siyu/shared';
import { useLocaleState } from 'react-admin';
import { useCarrierLabel } from './fields';
import { Fact, Section } from './Section';

const t = (key: string) => `resources.refunds.${key}`;

export const ReturnPanel = ({ record }: { record: AfterSalesDetail }) => {
  const [locale] = useLocaleState();
  const carrierLabel = useCarrierLabel();
  if (record.type !== 'return_and_refund') return null;
  const at = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const carrierName = carrierLabel(record.returnCarrier);
  const address = record.returnAddress;
  return (
    <Section title={t('sections.return')} testId="case-return">
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Fact label={t('return.to')}>
            {address ? `${address.name} · ${address.phone} · ${address.address}` : '—'}
          </Fact>
        </Grid>
        <Grid>
          <Fact label={t('return.parcel')}>
            {record.returnTrackingNo ? `${carrierName} ${record.returnTrackingNo}` : '—'}
          </Fact>
        </Grid>
        <Grid>
          <Fact label={t('fields.returnShippedAt')}>{at(record.returnShippedAt)}</Fact>
        </Grid>
        <Grid>
          <Fact label={t('fields.returnDueAt')}>{at(record.returnDueAt)}</Fact>
        </Grid>
        <Grid>
          <Fact label={t('fields.receivedAt')}>{at(record.receivedAt)}</Fact>
        </Grid>
      </Grid>
    </Section>
  );
};
