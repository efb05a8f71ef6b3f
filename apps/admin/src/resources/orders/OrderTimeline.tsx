import { Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import type { OrderDetail, OrderTimelineEntry } from '@siyu/shared';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';

const Entry = ({ entry }: { entry: OrderTimelineEntry }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const title =
    entry.event === 'audit'
      ? translate('resources.orders.timeline.audit', { action: entry.action ?? '' })
      : translate(`resources.orders.timeline.${entry.event}`);
  const details = [
    new Date(entry.at).toLocaleString(locale),
    entry.actorName ? translate('resources.orders.timeline.by', { name: entry.actorName }) : null,
    entry.status ? translate(`resources.orders.status.${entry.status}`) : null,
  ].filter(Boolean);
  return (
    <>
      <StepLabel>{title}</StepLabel>
      <StepContent>
        <Typography variant="body2" color="text.secondary">
          {details.join(' · ')}
        </Typography>
      </StepContent>
    </>
  );
};

/** The order's history, oldest first, every step shown (completed steps keep their content open). */
export const OrderTimeline = (_props: { label?: string }) => {
  const record = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  if (!record?.timeline) return null;
  if (record.timeline.length === 0) return <span>{translate('resources.orders.timeline.empty')}</span>;
  return (
    <Stepper orientation="vertical" activeStep={record.timeline.length} data-testid="order-timeline">
      {record.timeline.map((entry, index) => (
        // Entries have no id; their position in an append-only history is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Step key={index} completed expanded>
          <Entry entry={entry} />
        </Step>
      ))}
    </Stepper>
  );
};
