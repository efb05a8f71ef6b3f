/** The channel a verified /api/channel/* request comes from, as the routes and audit see it. */
import type { Actor } from '../../lib/audit.js';

export type SignedChannel = {
  id: number;
  key: string;
  name: string;
  /** sha256 hex of the method, path and raw body: what an Idempotency-Key is bound to. */
  requestHash: string;
};

/** Channels are no staff: the audit names them by key, with no staff id or role. */
export const channelActor = (channel: Pick<SignedChannel, 'key'>): Actor => ({
  id: null,
  name: `channel:${channel.key}`,
  role: null,
});
