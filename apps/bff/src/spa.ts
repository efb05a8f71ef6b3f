/**
 * Serves the built SPA: files from STATIC_DIR, index.html for any other non-/api GET (client
 * routes), hashed /assets/* cached for a year, index.html never cached.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function fileIn(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  return info?.isFile() ? full : undefined;
}

const buildHint = (dir: string) => `<!doctype html><meta charset="utf-8"><title>Siyu Back Office</title>
<h1>Siyu Back Office</h1>
<p>The API is running (<a href="/api/docs">API docs</a>), but the console has not been built: ${dir} does not exist.</p>
<p>Build it with <code>npm run build -w @siyu/admin</code> (or <code>npm run build</code> at the repository root), then reload.</p>`;

export function serveSpa(app: Hono<AppEnv>, staticDir: string): void {
  const root = normalize(staticDir);
  app.get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!existsSync(join(root, 'index.html')))
      return c.html(buildHint(root), 200, { 'Cache-Control': 'no-cache' });
    const file = (c.req.path !== '/' && (await fileIn(root, c.req.path))) || join(root, 'index.html');
    const isIndex = file.endsWith(`${sep}index.html`) && file === join(root, 'index.html');
    const headers = {
      'Content-Type': types[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': isIndex
        ? 'no-cache'
        : c.req.path.startsWith('/assets/')
          ? IMMUTABLE
          : 'public, max-age=3600',
    };
    return c.body(new Uint8Array(await readFile(file)), 200, headers);
  });
}
