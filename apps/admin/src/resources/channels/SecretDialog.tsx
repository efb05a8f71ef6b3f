import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import type { ChannelWithSecret } from '@siyu/shared';
import { useNotify, useTranslate } from 'react-admin';

/**
 * The channel's secret, shown once (after create or rotate): the server never sends it again,
 * so the dialog only closes on purpose, not by a click beside it.
 */
export const SecretDialog = ({
  channel,
  onClose,
}: {
  channel: ChannelWithSecret | undefined;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  if (!channel) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(channel.secret);
      notify('resources.channels.secret.copied', { type: 'success' });
    } catch {
      notify('resources.channels.secret.copy_failed', { type: 'warning' });
    }
  };
  const titleId = 'channel-secret-title';
  return (
    <Dialog open aria-labelledby={titleId} fullWidth maxWidth="sm" disableEscapeKeyDown>
      <DialogTitle id={titleId}>{translate('resources.channels.secret.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('resources.channels.secret.warning')}
        </Alert>
        <Typography variant="caption" component="div">
          {translate('resources.channels.secret.label', { key: channel.key })}
        </Typography>
        <Box
          component="code"
          data-testid="channel-secret"
          sx={{
            display: 'block',
            p: 1.5,
            bgcolor: 'action.hover',
            borderRadius: 1,
            wordBreak: 'break-all',
            userSelect: 'all',
          }}
        >
          {channel.secret}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopyIcon />} onClick={copy}>
          {translate('resources.channels.secret.copy')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {translate('resources.channels.secret.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
