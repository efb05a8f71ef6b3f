/** An internal note on the case (refunds:note): it joins the timeline, never shown to the buyer. */
import type { AfterSalesDetail } from '@siyu/shared';
import { useCanAccess } from 'react-admin';
import { NoteForm } from '../../ui/NoteForm';
import { useRefreshCases } from './queries';
import { addCaseNote } from './refundApi';
import { Section } from './Section';

export const CaseNotes = ({ record }: { record: AfterSalesDetail }) => {
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'note' });
  const refreshCases = useRefreshCases();
  if (!canAccess) return null;
  return (
    <Section title="resources.refunds.sections.notes" testId="case-notes">
      <NoteForm
        save={(body) => addCaseNote(record.id, { body })}
        onSaved={refreshCases}
        messages="resources.refunds.notes"
      />
    </Section>
  );
};
