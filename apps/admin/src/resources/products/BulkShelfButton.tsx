import PublishIcon from '@mui/icons-material/Publish';
import UnpublishedIcon from '@mui/icons-material/Unpublished';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  ListItem,
  ListItemText,
  Button as MuiButton,
  List as MuiList,
} from '@mui/material';
import type { BulkResult, Product } from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';

/** Puts the selected products on or off the shelf and lists what happened to each id. */
export const BulkShelfButton = ({ transition }: { transition: 'on_shelf' | 'off_shelf' }) => {
  const { selectedIds, data } = useListContext<Product>();
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('products');
  const translate = useTranslate();
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BulkResult['data'] | undefined>();

  const run = async () => {
    setRunning(true);
    try {
      const reply = await dataProvider.bulkProductTransition(transition, selectedIds);
      setResults(reply.data);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setRunning(false);
      setConfirming(false);
    }
  };

  const close = () => {
    setResults(undefined);
    unselectAll();
    refresh();
  };

  const titleOf = (id: number) => data?.find((p) => p.id === id)?.title ?? `#${id}`;
  const label = `resources.products.actions.bulk_${transition}`;
  const okCount = results?.filter((r) => r.ok).length ?? 0;

  return (
    <>
      <Button
        label={label}
        onClick={() => (transition === 'off_shelf' ? setConfirming(true) : run())}
        disabled={running}
      >
        {transition === 'on_shelf' ? <PublishIcon /> : <UnpublishedIcon />}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={running}
        title="resources.products.bulk.off_shelf_title"
        content="resources.products.bulk.off_shelf_content"
        contentTranslateOptions={{ smart_count: selectedIds.length }}
        confirmColor="warning"
        onConfirm={run}
        onClose={() => setConfirming(false)}
      />
      <Dialog
        open={results !== undefined}
        onClose={close}
        fullWidth
        maxWidth="sm"
        aria-labelledby="bulk-result-title"
      >
        <DialogTitle id="bulk-result-title">
          {translate('resources.products.bulk.result_title', {
            ok: okCount,
            failed: (results?.length ?? 0) - okCount,
          })}
        </DialogTitle>
        <DialogContent>
          <MuiList dense>
            {(results ?? []).map((result) => (
              <ListItem key={result.id} divider>
                <ListItemText
                  primary={titleOf(result.id)}
                  secondary={
                    result.ok
                      ? translate('resources.products.bulk.ok')
                      : translate(`siyu.errors.${result.error?.code ?? 'INTERNAL'}`)
                  }
                  slotProps={{ secondary: { color: result.ok ? 'success.main' : 'error.main' } }}
                />
              </ListItem>
            ))}
          </MuiList>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>{translate('ra.action.close')}</MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
