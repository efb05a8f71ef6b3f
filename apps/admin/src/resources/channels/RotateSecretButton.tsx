import KeyIcon from '@mui/icons-material/Key';
import type { Channel, ChannelWithSecret } from '@siyu/shared';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { apiFetch } from '../../providers/http';
import { SecretDialog } from './SecretDialog';

/** Issues a new secret after a confirmation, and shows it once. */
export const RotateSecretButton = () => {
  const record = useRecordContext<Channel>();
  const { canAccess } = useCanAccess({ resource: 'channels', action: 'edit' });
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [rotated, setRotated] = useState<ChannelWithSecret>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !canAccess) return null;

  const rotate = async () => {
    setPending(true);
    try {
      const { json } = await apiFetch<{ data: ChannelWithSecret }>(`/channels/${record.id}/rotate-secret`, {
        method: 'POST',
      });
      setRotated(json.data);
      notify('resources.channels.rotate.done', { type: 'success' });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button label="resources.channels.rotate.action" onClick={() => setConfirming(true)}>
        <KeyIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={pending}
        title="resources.channels.rotate.title"
        titleTranslateOptions={{ name: record.name }}
        content="resources.channels.rotate.content"
        onConfirm={rotate}
        onClose={() => setConfirming(false)}
      />
      <SecretDialog
        channel={rotated}
        onClose={() => {
          setRotated(undefined);
          refresh();
        }}
      />
    </>
  );
};
