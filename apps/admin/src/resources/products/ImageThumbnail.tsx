import { Box, Chip } from '@mui/material';
import type { ProductImage } from '@siyu/shared';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

const SIZE = 112;

/** One image of the gallery: a square thumbnail (opens the full file), "main" on the first, its actions below. */
export const ImageThumbnail = ({
  image,
  main,
  actions,
}: {
  image: ProductImage;
  main: boolean;
  actions?: ReactNode;
}) => {
  const translate = useTranslate();
  return (
    <Box
      component="li"
      sx={{
        width: SIZE,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        position: 'relative',
      }}
    >
      <a href={image.url} target="_blank" rel="noreferrer">
        <Box
          component="img"
          src={image.url}
          alt={image.filename}
          loading="lazy"
          width={SIZE}
          height={SIZE}
          sx={{ display: 'block', objectFit: 'cover', bgcolor: 'action.hover' }}
        />
      </a>
      {main ? (
        <Chip
          label={translate('resources.products.images.main')}
          size="small"
          color="primary"
          sx={{ position: 'absolute', top: 4, left: 4 }}
        />
      ) : null}
      {actions ? (
        <Box sx={{ display: 'flex', justifyContent: 'space-between', px: 0.5 }}>{actions}</Box>
      ) : null}
    </Box>
  );
};
