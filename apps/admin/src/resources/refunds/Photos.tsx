/** The customer's photos as thumbnails; one opens larger in a dialog. */
import { Box, Dialog, DialogContent, IconButton, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

export const Photos = ({ photos }: { photos: readonly string[] }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState<number | undefined>();
  if (photos.length === 0) return <span>{translate('resources.refunds.case.no_photos')}</span>;
  const alt = (i: number) => translate('resources.refunds.case.photo', { n: i + 1 });
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="case-photos">
        {photos.map((url, i) => (
          <IconButton
            key={url}
            onClick={() => setOpen(i)}
            aria-label={translate('resources.refunds.case.open_photo', { n: i + 1 })}
            sx={{ p: 0, borderRadius: 1, border: 1, borderColor: 'divider', overflow: 'hidden' }}
          >
            <Box
              component="img"
              src={url}
              alt={alt(i)}
              loading="lazy"
              referrerPolicy="no-referrer"
              sx={{ width: 72, height: 72, objectFit: 'cover', display: 'block', bgcolor: 'action.hover' }}
            />
          </IconButton>
        ))}
      </Stack>
      <Dialog open={open !== undefined} onClose={() => setOpen(undefined)} maxWidth="md">
        <DialogContent sx={{ p: 1 }}>
          {open !== undefined ? (
            <Box
              component="img"
              src={photos[open]}
              alt={alt(open)}
              referrerPolicy="no-referrer"
              sx={{ maxWidth: '100%', maxHeight: '80vh', display: 'block' }}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
};
