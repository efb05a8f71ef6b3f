import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A before/after snapshot, pretty-printed. */
export const JsonBlock = ({ label, value }: { label: string; value: unknown }) => {
  const translate = useTranslate();
  const text = value === null || value === undefined ? null : JSON.stringify(value, null, 2);
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="subtitle2" component="h3">
        {translate(label)}
      </Typography>
      {text === null ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.audit-logs.detail.empty')}
        </Typography>
      ) : (
        <Box
          component="pre"
          sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', fontSize: 12 }}
        >
          {text}
        </Box>
      )}
    </Box>
  );
};
