/**
 * 批量同意 (refunds:approve): small refund-only cases still waiting for a decision, each at most
 * the bulk-approve amount. The dialog says which cases qualify before anything is sent; the
 * server decides per case and the result lists what happened to each.
 */
import DoneAllIcon from '@mui/icons-material/DoneAll';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  ListItem,
  ListItemText,
  Button as MuiButton,
  List as MuiList,
} from '@mui/material';
import { type AfterSalesCase, type BulkResult, formatFen } from '@siyu/shared';
import { useState } from 'react';
import { Button, useCanAccess, useListContext, useNotify, useTranslate, useUnselectAll } from 'react-admin';
import { errorKey } from '../orders/orderErrors';
import { bulkEligible } from './bulkEligible';
import { useCaseOptions, useRefreshCases } from './queries';
import { bulkApproveCases } from './refundApi';

const t = (key: string) => `resources.refunds.bulk_approve.${key}`;

export const BulkApproveButton = () => {
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'approve' });
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button label={t('button')} onClick={() => setOpen(true)}>
        <DoneAllIcon />
      </Button>
      {open ? <BulkApproveDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const BulkApproveDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refreshCases = useRefreshCases();
  const unselectAll = useUnselectAll('refunds');
  const { selectedIds, data } = useListContext<AfterSalesCase>();
  const { data: options } = useCaseOptions();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BulkResult['data'] | undefined>();
  const maxAmount = options?.bulkApproveMaxAmount;
  const selected = (data ?? []).filter((c) => selectedIds.includes(c.id));
  const eligible = selected.filter((c) => bulkEligible(c, maxAmount)).length;
  const caseNoOf = (id: number) => data?.find((c) => c.id === id)?.caseNo ?? `#${id}`;

  const run = async () => {
    setRunning(true);
    try {
      setResults(await bulkApproveCases(selectedIds));
    } catch (error) {
      notify(errorKey(error), { type: 'error' });
    } finally {
      setRunning(false);
    }
  };

  const close = () => {
    if (results) {
      unselectAll();
      void refreshCases();
    }
    onClose();
  };

  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <Dialog open onClose={close} fullWidth maxWidth="sm" aria-labelledby="bulk-approve-title">
      <DialogTitle id="bulk-approve-title">
        {results
          ? translate(t('result_title'), { ok: okCount, failed: results.length - okCount })
          : translate(t('title'), { smart_count: selectedIds.length })}
      </DialogTitle>
      <DialogContent>
        {results ? (
          <MuiList dense data-testid="bulk-approve-results">
            {results.map((result) => (
              <ListItem key={result.id} divider>
                <ListItemText
                  primary={caseNoOf(result.id)}
                  secondary={
                    result.ok
                      ? translate(t('ok'))
                      : translate(`siyu.errors.${result.error?.code ?? 'INTERNAL'}`)
                  }
                  slotProps={{ secondary: { color: result.ok ? 'success.main' : 'error.main' } }}
                />
              </ListItem>
            ))}
          </MuiList>
        ) : (
          <>
            <DialogContentText>
              {translate(t('rule'), { max: maxAmount === undefined ? '…' : formatFen(maxAmount) })}
            </DialogContentText>
            <Alert severity={eligible === selected.length ? 'info' : 'warning'} sx={{ mt: 2 }}>
              {translate(t('eligible'), { eligible, smart_count: selected.length })}
            </Alert>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {results ? (
          <MuiButton onClick={close}>{translate('ra.action.close')}</MuiButton>
        ) : (
          <>
            <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton variant="contained" onClick={run} disabled={running || eligible === 0}>
              {translate(t('confirm'))}
            </MuiButton>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
