import { Box } from '@mui/material';
import type { AuditLogEntry } from '@siyu/shared';
import { useRecordContext } from 'react-admin';
import { JsonBlock } from './JsonBlock';

/** The expand panel of a row: what the record looked like before and after. */
export const AuditLogDetail = () => {
  const record = useRecordContext<AuditLogEntry>();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', py: 1 }}>
      <JsonBlock label="resources.audit-logs.fields.before" value={record.before} />
      <JsonBlock label="resources.audit-logs.fields.after" value={record.after} />
    </Box>
  );
};
