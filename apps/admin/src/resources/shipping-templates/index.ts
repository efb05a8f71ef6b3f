import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import type { ShippingTemplate } from '@siyu/shared';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./ShippingTemplateList')),
  create: lazy(() => import('./ShippingTemplateCreate')),
  edit: lazy(() => import('./ShippingTemplateEdit')),
  icon: LocalShippingIcon,
  recordRepresentation: (record: ShippingTemplate) => record.name,
};
