/**
 * The console's own zh-CN messages, so specs find elements by the names a Chinese-speaking
 * user sees (role + translated name) without copying the strings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zhCN from '../../apps/admin/src/i18n/zh-CN';

/** Looks a dotted key up in the zh-CN messages and fills `%{name}` placeholders. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = zhCN;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`zh-CN has no message "${key}"`);
  return node.replace(/%\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `%{${name}}`));
}

/** The resources the console registers, in menu order (read from App.tsx, so it stays current). */
export function spaResources(): string[] {
  const app = readFileSync(join(import.meta.dirname, '../../apps/admin/src/App.tsx'), 'utf8');
  return [...app.matchAll(/<Resource\s+name="([^"]+)"/g)].map((match) => match[1] as string);
}
