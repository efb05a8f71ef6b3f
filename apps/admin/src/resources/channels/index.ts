import HubIcon from '@mui/icons-material/Hub';
import type { Channel } from '@siyu/shared';
import { lazy } from 'react';

/** Each view is its own chunk; the entry only carries the icon and the record's name. */
export default {
  list: lazy(() => import('./ChannelList')),
  create: lazy(() => import('./ChannelCreate')),
  edit: lazy(() => import('./ChannelEdit')),
  icon: HubIcon,
  recordRepresentation: (record: Channel) => `${record.name} (${record.key})`,
};
