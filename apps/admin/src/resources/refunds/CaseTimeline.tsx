/** The case's history, oldest first: each step, who made it, and what it decided (notes included). */
import { Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import { type AfterSalesDetail, type CaseEvent, formatFen } from '@siyu/shared';
import { useLocaleState, useTranslate } from 'react-admin';
import { useCarrierLabel } from './fields';
import { useCaseOptions } from './queries';
import { Section } from './Section';
import { type DetailPart, eventActor, eventDetailParts, eventTitleKey } from './timelineDetail';

const t = (key: string) => `resources.refunds.timeline.${key}`;

const useDetailText = () => {
  const translate = useTranslate();
  const carrierLabel = useCarrierLabel();
  const { data: options } = useCaseOptions();
  return (part: DetailPart): string => {
    switch (part.kind) {
      case 'money':
        return formatFen(part.fen);
      case 'reason':
        return options?.reasons.find((r) => r.code === part.code)?.label ?? part.code;
      case 'source':
        return translate(`resources.refunds.source.${part.source}`);
      case 'carrier':
        return carrierLabel(part.carrier);
      case 'units':
        return translate('resources.refunds.item.received_split', part);
      case 'count':
        return translate('resources.refunds.timeline.units', { smart_count: part.units });
      case 'known_reason':
        return translate(`resources.refunds.timeline.reasons.${part.code}`);
      default:
        return part.text;
    }
  };
};

const Entry = ({ event }: { event: CaseEvent }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const detailText = useDetailText();
  const actor = eventActor(event);
  const parts = eventDetailParts(event.detail);
  const line = [
    new Date(event.at).toLocaleString(locale),
    translate(actor.key, actor.values),
    event.status && event.kind !== 'note' ? translate(`resources.refunds.status.${event.status}`) : null,
  ].filter(Boolean);
  return (
    <>
      <StepLabel>{translate(eventTitleKey(event.kind))}</StepLabel>
      <StepContent>
        <Typography variant="body2" color="text.secondary">
          {line.join(' · ')}
        </Typography>
        {parts.map((part) => (
          <Typography
            key={part.field}
            variant="body2"
            sx={{ whiteSpace: 'pre-wrap' }}
            data-testid={event.kind === 'note' && part.field === 'body' ? 'case-note' : undefined}
          >
            {event.kind === 'note' && part.field === 'body'
              ? detailText(part)
              : translate(t('detail_line'), {
                  label: translate(t(`detail.${part.field}`)),
                  value: detailText(part),
                })}
          </Typography>
        ))}
      </StepContent>
    </>
  );
};

export const CaseTimeline = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  return (
    <Section title="resources.refunds.sections.timeline" testId="case-timeline">
      {record.timeline.length === 0 ? (
        <Typography variant="body2">{translate(t('empty'))}</Typography>
      ) : (
        <Stepper orientation="vertical" activeStep={record.timeline.length}>
          {record.timeline.map((event) => (
            <Step key={event.id} completed expanded>
              <Entry event={event} />
            </Step>
          ))}
        </Stepper>
      )}
    </Section>
  );
};
