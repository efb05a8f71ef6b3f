/**
 * Cookie session against the BFF. The session user (with its role) is cached in memory after
 * login or the first `/api/auth/me`; `canAccess` answers from `@siyu/shared`'s matrix so the
 * menu, buttons and routes show only what the role may do (the BFF enforces it anyway).
 */
import { type LoginInput, canAccess as roleCanAccess, type SessionUser } from '@siyu/shared';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { apiFetch } from './http';
import { errorCodeOf, errorMessageKey } from './httpError';
import { loginErrorKey } from './loginErrors';

let currentUser: SessionUser | undefined;
let pendingMe: Promise<SessionUser | undefined> | undefined;

async function fetchMe(): Promise<SessionUser | undefined> {
  try {
    const { json } = await apiFetch<{ data: SessionUser }>('/auth/me');
    currentUser = json.data;
    return currentUser;
  } catch (error) {
    currentUser = undefined;
    const status = (error as { status?: number }).status;
    if (status === 401) return undefined;
    throw error;
  }
}

/** The logged-in user, asking the server once when the page was just (re)loaded. */
export async function getSessionUser(): Promise<SessionUser | undefined> {
  if (currentUser) return currentUser;
  pendingMe ??= fetchMe().finally(() => {
    pendingMe = undefined;
  });
  return pendingMe;
}

/** Resources every logged-in person sees whatever the role. */
const openToAll = new Set(['dashboard']);

export interface SiyuIdentity extends UserIdentity {
  username: string;
  role: SessionUser['role'];
}

export const authProvider: AuthProvider = {
  async login(params: LoginInput) {
    try {
      const { json } = await apiFetch<{ data: SessionUser }>('/auth/login', {
        method: 'POST',
        body: { username: params.username, password: params.password },
      });
      currentUser = json.data;
    } catch (error) {
      currentUser = undefined;
      throw new Error(loginErrorKey(errorCodeOf(error)));
    }
  },

  async logout() {
    const wasLoggedIn = currentUser !== undefined;
    currentUser = undefined;
    if (!wasLoggedIn) return;
    try {
      await apiFetch('/auth/logout', { method: 'POST', body: {} });
    } catch {
      // The session is gone either way for this tab; the cookie expires on its own.
    }
  },

  async checkAuth() {
    const user = await getSessionUser();
    // message: false — the login page itself is explanation enough on a first visit.
    if (!user) throw { message: false };
  },

  async checkError(error: unknown) {
    const status = (error as { status?: number } | undefined)?.status;
    if (status === 401) {
      throw { message: 'ra.notification.logged_out' };
    }
    if (status === 403) {
      // Stay logged in: say clearly that this role may not do that.
      throw { logoutUser: false, message: errorMessageKey('FORBIDDEN') };
    }
  },

  async getIdentity(): Promise<SiyuIdentity> {
    const user = await getSessionUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.displayName, username: user.username, role: user.role };
  },

  async getPermissions() {
    const user = await getSessionUser();
    return user?.permissions ?? {};
  },

  async canAccess({ resource, action }) {
    const user = await getSessionUser();
    if (!user) return false;
    if (openToAll.has(resource)) return true;
    return roleCanAccess(user.role, resource, action);
  },
};

/** For tests: forget the cached session. */
export function resetAuthCache(): void {
  currentUser = undefined;
  pendingMe = undefined;
}
