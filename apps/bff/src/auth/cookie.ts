/** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { AppEnv } from '../env.js';
import { isHttps } from '../lib/request-origin.js';

export const readSessionCookie = (c: Context<AppEnv>, config: Config) =>
  getCookie(c, config.session.cookieName);

export function writeSessionCookie(c: Context<AppEnv>, config: Config, token: string): void {
  setCookie(c, config.session.cookieName, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c, config.trustProxy),
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, config: Config): void {
  deleteCookie(c, config.session.cookieName, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c, config.trustProxy),
  });
}
