import { SHOP_SETTINGS_ID } from '@siyu/shared';
import { Navigate } from 'react-admin';

/** The menu's "店铺设置" item opens /settings; there is only one record to edit. */
const SettingsRedirect = () => <Navigate to={`/settings/${SHOP_SETTINGS_ID}`} replace />;

export default SettingsRedirect;
