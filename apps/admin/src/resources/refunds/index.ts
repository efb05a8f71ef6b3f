import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import type { AfterSalesCase } from '@siyu/shared';
import { lazy } from 'react';

/** 售后: customers' after-sales cases, worked from the customer-service queue. */
export default {
  list: lazy(() => import('./RefundList')),
  show: lazy(() => import('./RefundShow')),
  icon: SupportAgentIcon,
  recordRepresentation: (record: AfterSalesCase) => record.caseNo,
};
