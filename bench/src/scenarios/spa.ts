/**
 * The console's initial JavaScript, as a browser loads it before the first screen: the entry
 * script of the built index.html and the chunks it preloads, gzip-compressed. Lazy chunks
 * (resources, rich text, charts) are not counted. Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { budgets } from '../budgets.js';
import type { Figure } from '../report.js';

const dist = join(import.meta.dirname, '..', '..', '..', 'apps', 'admin', 'dist');

/** The script and modulepreload URLs of the built index.html, in page order. */
export function initialScripts(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isEntry = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isEntry || isPreload) && url) urls.push(url);
  }
  return urls;
}

export async function spaScenario(): Promise<{ runs: []; figures: Figure[] }> {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  let bytes = 0;
  for (const url of scripts) bytes += gzipSync(readFileSync(join(dist, url.replace(/^\//, '')))).length;
  return {
    runs: [],
    figures: [
      {
        name: 'SPA initial JS, gzip',
        measured: bytes / 1000,
        unit: 'KB',
        budget: budgets.spaInitialJs,
        note: `${scripts.length} file(s): the entry and its preloads`,
      },
    ],
  };
}
