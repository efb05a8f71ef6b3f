import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { InventoryMovement } from '@siyu/shared';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./InventoryMovementList')),
  icon: ReceiptLongIcon,
  recordRepresentation: (record: InventoryMovement) => `#${record.id}`,
};
