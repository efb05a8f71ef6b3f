/** What the Hono context carries for every request. */
import type { HttpBindings } from '@hono/node-server';
import type { Role } from '@siyu/shared';
import type { SignedChannel } from './modules/channel/signed-channel.js';

export type AuthUser = { id: number; username: string; displayName: string; role: Role };

export type AppEnv = {
  Bindings: Partial<HttpBindings> & {
    /** Tests (app.request without a socket) may say which client address the request came from. */
    clientIp?: string;
  };
  Variables: {
    requestId: string;
    user: AuthUser | undefined;
    /** sha256 of the session cookie, when the request carries a live session. */
    sessionId: string | undefined;
    /** The storefront channel whose signature a /api/channel/* request carries. */
    channel: SignedChannel | undefined;
  };
};
