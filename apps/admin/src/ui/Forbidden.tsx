import LockIcon from '@mui/icons-material/Lock';
import { Box, Typography } from '@mui/material';
import { Button, Title, useTranslate } from 'react-admin';

/** Shown when the role may not open a page (authProvider.canAccess said no). */
export const Forbidden = () => {
  const translate = useTranslate();
  return (
    <Box role="alert" sx={{ textAlign: 'center', mt: 8 }}>
      <Title title={translate('siyu.forbidden.title')} />
      <LockIcon sx={{ fontSize: 64, color: 'text.secondary' }} />
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('siyu.forbidden.title')}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {translate('siyu.forbidden.message')}
      </Typography>
      <Button to="/" variant="contained" label="siyu.forbidden.back" sx={{ mt: 2 }} />
    </Box>
  );
};
