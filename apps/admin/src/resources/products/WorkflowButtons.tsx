import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import EditNoteIcon from '@mui/icons-material/EditNote';
import PublishIcon from '@mui/icons-material/Publish';
import SendIcon from '@mui/icons-material/Send';
import UnpublishedIcon from '@mui/icons-material/Unpublished';
import { Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from '@mui/material';
import {
  availableProductTransitions,
  type ProductDetail,
  type ProductTransition,
  productTransitions,
} from '@siyu/shared';
import { type ReactElement, useState } from 'react';
import {
  Button,
  Confirm,
  Form,
  maxLength,
  required,
  TextInput,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';

const icons: Record<ProductTransition, ReactElement> = {
  submit: <SendIcon />,
  approve: <CheckIcon />,
  reject: <CloseIcon />,
  on_shelf: <PublishIcon />,
  off_shelf: <UnpublishedIcon />,
  revise: <EditNoteIcon />,
};

/** The transitions a role may perform, by the permission action each one needs. */
const usePermittedActions = () => {
  const submit = useCanAccess({ resource: 'products', action: 'submit' }).canAccess;
  const review = useCanAccess({ resource: 'products', action: 'review' }).canAccess;
  const shelve = useCanAccess({ resource: 'products', action: 'shelve' }).canAccess;
  return { submit: submit === true, review: review === true, shelve: shelve === true };
};

/**
 * One button per transition that is legal from the product's status (domain/productStatus)
 * AND allowed for the role; off-shelf asks first, reject asks for the reason.
 */
export const WorkflowButtons = () => {
  const record = useRecordContext<ProductDetail>();
  const permitted = usePermittedActions();
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [pending, setPending] = useState<ProductTransition | undefined>();
  const [confirmOffShelf, setConfirmOffShelf] = useState(false);
  const [rejecting, setRejecting] = useState(false);

  if (!record) return null;
  const transitions = availableProductTransitions(record.status).filter(
    (t) => permitted[productTransitions[t].action],
  );

  const run = async (transition: ProductTransition, body?: { reason: string }) => {
    setPending(transition);
    try {
      await dataProvider.productTransition(record.id, transition, body);
      notify(`resources.products.workflow.done.${transition}`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setPending(undefined);
      setConfirmOffShelf(false);
      setRejecting(false);
    }
  };

  const click = (transition: ProductTransition) => {
    if (transition === 'off_shelf') setConfirmOffShelf(true);
    else if (transition === 'reject') setRejecting(true);
    else void run(transition);
  };

  return (
    <>
      {transitions.map((transition) => (
        <Button
          key={transition}
          label={`resources.products.workflow.${transition}`}
          onClick={() => click(transition)}
          disabled={pending !== undefined}
          color={transition === 'reject' || transition === 'off_shelf' ? 'error' : 'primary'}
        >
          {icons[transition]}
        </Button>
      ))}
      <Confirm
        isOpen={confirmOffShelf}
        loading={pending === 'off_shelf'}
        title="resources.products.workflow.off_shelf_title"
        titleTranslateOptions={{ title: record.title }}
        content="resources.products.workflow.off_shelf_content"
        confirmColor="warning"
        onConfirm={() => run('off_shelf')}
        onClose={() => setConfirmOffShelf(false)}
      />
      <Dialog
        open={rejecting}
        onClose={() => setRejecting(false)}
        fullWidth
        maxWidth="sm"
        aria-labelledby="reject-title"
      >
        <Form
          record={{}}
          onSubmit={(values: Record<string, unknown>) =>
            run('reject', { reason: String(values.reason ?? '').trim() })
          }
        >
          <DialogTitle id="reject-title">
            {translate('resources.products.workflow.reject_title', { title: record.title })}
          </DialogTitle>
          <DialogContent>
            <TextInput
              source="reason"
              label="resources.products.workflow.reject_reason"
              validate={[required(), maxLength(200)]}
              multiline
              minRows={2}
              fullWidth
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setRejecting(false)}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" color="error" disabled={pending !== undefined}>
              {translate('resources.products.workflow.reject')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
