import type { SvgIconComponent } from '@mui/icons-material';
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import PaymentsIcon from '@mui/icons-material/Payments';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Card, CardContent, Chip, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

const kpis: { key: string; icon: SvgIconComponent }[] = [
  { key: 'gmv', icon: PaymentsIcon },
  { key: 'orders', icon: ReceiptLongIcon },
  { key: 'conversion', icon: TrendingUpIcon },
  { key: 'repurchase7d', icon: AutorenewIcon },
  { key: 'refundRate', icon: UndoIcon },
  { key: 'csSla', icon: AssignmentTurnedInIcon },
];

/** Placeholder until the KPI endpoints exist: which figures are coming, one card each. */
const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h5" component="h1">
        {translate('siyu.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('siyu.dashboard.subtitle')}
      </Typography>
      <Box
        component="ul"
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' },
          gap: 2,
          p: 0,
          m: 0,
          listStyle: 'none',
        }}
      >
        {kpis.map(({ key, icon: Icon }) => (
          <Card component="li" key={key} aria-labelledby={`kpi-${key}`}>
            <CardContent>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
                <Icon color="primary" />
                <Typography id={`kpi-${key}`} variant="h6" component="h2" sx={{ flex: 1 }}>
                  {translate(`siyu.dashboard.kpis.${key}.title`)}
                </Typography>
                <Chip size="small" label={translate('siyu.dashboard.coming_soon')} />
              </Box>
              <Typography variant="body2" color="text.secondary">
                {translate(`siyu.dashboard.kpis.${key}.description`)}
              </Typography>
            </CardContent>
          </Card>
        ))}
      </Box>
    </Box>
  );
};

export default Dashboard;
