import { Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import type { OrderDetail, OrderTimelineEntry } from '@siyu/shared';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { mergeMilestones, timelineActor, timelineTitle } from './timelineLabels';

const Entry = ({ entry }: { entry: OrderTimelineEntry }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const title = timelineTitle(entry);
  const actor = timelineActor(entry.actorName);
  const statusLabel = (status: string) => translate(`resources.orders.status.${status}`);
  const details = [
    new Date(entry.at).toLocaleString(locale),
    actor
      ? translate('resources.orders.timeline.by', {
          name: actor.key ? translate(actor.key, actor.values) : actor.values.name,
        })
      : null,
    // The title already names the status it changed to.
    entry.status && !title.status ? statusLabel(entry.status) : null,
  ].filter(Boolean);
  return (
    <>
      <StepLabel>{translate(title.key, title.status ? { status: statusLabel(title.status) } : {})}</StepLabel>
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
  const steps = mergeMilestones(record.timeline);
  return (
    <Stepper orientation="vertical" activeStep={steps.length} data-testid="order-timeline">
      {steps.map((entry, index) => (
        // Entries have no id; their position in an append-only history is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Step key={index} completed expanded>
          <Entry entry={entry} />
        </Step>
      ))}
    </Stepper>
  );
};
