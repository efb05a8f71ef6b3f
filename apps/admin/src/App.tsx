import { lazy } from 'react';
import { Admin, Resource } from 'react-admin';
import { AppTitle } from './layout/AppTitle';
import { SiyuLayout } from './layout/SiyuLayout';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import auditLogs from './resources/audit-logs';
import categories from './resources/categories';
import channels from './resources/channels';
import inventoryMovements from './resources/inventory-movements';
import members from './resources/members';
import orders from './resources/orders';
import products from './resources/products';
import refunds from './resources/refunds';
import settings from './resources/settings';
import shippingTemplates from './resources/shipping-templates';
import staffUsers from './resources/staff-users';
import { Forbidden } from './ui/Forbidden';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));

export const App = () => (
  <Admin
    title={<AppTitle />}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={SiyuLayout}
    dashboard={Dashboard}
    accessDenied={Forbidden}
    requireAuth
    disableTelemetry
  >
    <Resource name="orders" {...orders} />
    <Resource name="refunds" {...refunds} />
    <Resource name="products" {...products} />
    <Resource name="categories" {...categories} />
    <Resource name="inventory-movements" {...inventoryMovements} />
    <Resource name="shipping-templates" {...shippingTemplates} />
    <Resource name="members" {...members} />
    <Resource name="channels" {...channels} />
    <Resource name="staff-users" {...staffUsers} />
    <Resource name="audit-logs" {...auditLogs} />
    <Resource name="settings" {...settings} />
  </Admin>
);
