import AddPhotoAlternateIcon from '@mui/icons-material/AddPhotoAlternate';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, IconButton, LinearProgress, Stack, Typography } from '@mui/material';
import { MAX_IMAGES_PER_PRODUCT, type ProductDetail, type ProductImage } from '@siyu/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import {
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { ImageThumbnail } from './ImageThumbnail';
import { movedOrder } from './imageOrder';
import { checkImageFiles, type ImageProblem, MAX_IMAGE_KB, toUpload, uploadProblem } from './imageUpload';

interface Progress {
  done: number;
  total: number;
  name: string;
}

export const productImagesKey = (productId: number) => ['products', productId, 'images'] as const;

/**
 * The product's gallery on its page: thumbnails in order, upload (several files, checked in the
 * browser first, then sent one by one with a progress bar), move earlier or later, delete after
 * a confirmation. Only
 * roles that may edit products see the upload and delete controls.
 */
export const ProductImages = (_props: { label?: string }) => {
  const record = useRecordContext<ProductDetail>();
  const { canAccess: canEdit } = useCanAccess({ resource: 'products', action: 'edit' });
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const translate = useTranslate();
  const [progress, setProgress] = useState<Progress | undefined>();
  const [problems, setProblems] = useState<ImageProblem[]>([]);
  const [deleting, setDeleting] = useState<ProductImage | undefined>();
  const [deletePending, setDeletePending] = useState(false);
  const [moving, setMoving] = useState(false);
  const productId = record?.id;
  const { data: images, error } = useQuery({
    queryKey: productImagesKey(productId ?? 0),
    queryFn: () => dataProvider.listProductImages(productId ?? 0).then((r) => r.data),
    enabled: productId !== undefined,
  });
  if (productId === undefined) return null;
  const list = images ?? [];
  const refetch = () => queryClient.invalidateQueries({ queryKey: productImagesKey(productId) });

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = ''; // picking the same file again must fire a change
    const { accepted, refused } = checkImageFiles(files, list.length);
    const failures = [...refused];
    setProblems(failures);
    let uploaded = 0;
    for (const [i, file] of accepted.entries()) {
      setProgress({ done: i, total: accepted.length, name: file.name });
      try {
        await dataProvider.uploadProductImage(productId, await toUpload(file));
        uploaded++;
        await refetch();
      } catch (uploadError) {
        failures.push(uploadProblem(file.name, uploadError));
        setProblems([...failures]);
      }
    }
    setProgress(undefined);
    if (uploaded > 0)
      notify('resources.products.images.uploaded', {
        type: 'success',
        messageArgs: { smart_count: uploaded },
      });
  };

  const remove = async () => {
    if (!deleting) return;
    setDeletePending(true);
    try {
      await dataProvider.deleteProductImage(productId, deleting.id);
      notify('resources.products.images.deleted', { type: 'success' });
      await refetch();
    } catch (deleteError) {
      notify(deleteError instanceof Error ? deleteError.message : 'ra.notification.http_error', {
        type: 'error',
      });
    } finally {
      setDeletePending(false);
      setDeleting(undefined);
    }
  };

  const move = async (index: number, step: -1 | 1) => {
    setMoving(true);
    try {
      const imageIds = movedOrder(list, index, step).map((image) => image.id);
      const { data } = await dataProvider.reorderProductImages(productId, { imageIds });
      queryClient.setQueryData(productImagesKey(productId), data);
      notify('resources.products.images.moved', { type: 'success' });
    } catch (moveError) {
      notify(moveError instanceof Error ? moveError.message : 'ra.notification.http_error', {
        type: 'error',
      });
      await refetch();
    } finally {
      setMoving(false);
    }
  };

  const full = list.length >= MAX_IMAGES_PER_PRODUCT;
  return (
    <Stack
      spacing={1}
      sx={{ width: '100%' }}
      aria-label={translate('resources.products.images.title')}
      role="region"
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.products.images.count', { count: list.length, max: MAX_IMAGES_PER_PRODUCT })}
        </Typography>
        {canEdit ? (
          <Button
            component="label"
            variant="outlined"
            size="small"
            startIcon={<AddPhotoAlternateIcon />}
            disabled={progress !== undefined || full}
          >
            {translate('resources.products.images.upload')}
            <input
              hidden
              type="file"
              multiple
              accept="image/png,image/jpeg,image/webp"
              onChange={(event) => void upload(event)}
            />
          </Button>
        ) : null}
        {canEdit ? (
          <Typography variant="caption" color="text.secondary">
            {translate('resources.products.images.hint', {
              maxKb: MAX_IMAGE_KB,
              max: MAX_IMAGES_PER_PRODUCT,
            })}
          </Typography>
        ) : null}
      </Stack>
      {progress ? (
        <Box>
          <Typography variant="caption">
            {translate('resources.products.images.uploading', {
              done: progress.done + 1,
              total: progress.total,
              name: progress.name,
            })}
          </Typography>
          <LinearProgress variant="determinate" value={(progress.done / progress.total) * 100} />
        </Box>
      ) : null}
      {problems.map((problem, i) => (
        <Alert
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be refused twice
          key={`${problem.name}-${i}`}
          severity="error"
          onClose={() => setProblems((current) => current.filter((p) => p !== problem))}
        >
          {translate(problem.message, {
            ...problem.args,
            reason: problem.reason ? translate(problem.reason, problem.args) : undefined,
          })}
        </Alert>
      ))}
      {error ? (
        <Alert severity="error">
          {translate(error instanceof Error ? error.message : 'ra.notification.http_error')}
        </Alert>
      ) : null}
      {images && list.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.products.images.empty')}
        </Typography>
      ) : null}
      <Box component="ol" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0 }}>
        {list.map((image, index) => (
          <ImageThumbnail
            key={image.id}
            image={image}
            main={index === 0}
            actions={
              canEdit ? (
                <>
                  <IconButton
                    size="small"
                    aria-label={translate('resources.products.images.move_before', { name: image.filename })}
                    title={translate('resources.products.images.move_before', { name: image.filename })}
                    disabled={moving || index === 0}
                    onClick={() => void move(index, -1)}
                  >
                    <ChevronLeftIcon fontSize="small" />
                  </IconButton>
                  <IconButton
                    size="small"
                    aria-label={translate('resources.products.images.move_after', { name: image.filename })}
                    title={translate('resources.products.images.move_after', { name: image.filename })}
                    disabled={moving || index === list.length - 1}
                    onClick={() => void move(index, 1)}
                  >
                    <ChevronRightIcon fontSize="small" />
                  </IconButton>
                  <IconButton
                    size="small"
                    color="error"
                    aria-label={translate('resources.products.images.delete', { name: image.filename })}
                    title={translate('resources.products.images.delete', { name: image.filename })}
                    onClick={() => setDeleting(image)}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </>
              ) : null
            }
          />
        ))}
      </Box>
      <Confirm
        isOpen={deleting !== undefined}
        loading={deletePending}
        title="resources.products.images.delete_title"
        titleTranslateOptions={{ name: deleting?.filename ?? '' }}
        content="resources.products.images.delete_content"
        confirmColor="warning"
        onConfirm={() => void remove()}
        onClose={() => setDeleting(undefined)}
      />
    </Stack>
  );
};
