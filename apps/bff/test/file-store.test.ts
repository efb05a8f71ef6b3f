import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../src/lib/file-store.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'siyu-files-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('DiskFileStore', () => {
  it('puts, gets (type from the key) and deletes files, leaving no temporary files', async () => {
    const store = new DiskFileStore(join(root, 'uploads'));
    const bytes = new Uint8Array([1, 2, 3]);
    await store.put('abcdef0123456789.png', bytes, 'image/png');
    expect(await store.get('abcdef0123456789.png')).toEqual({ bytes, contentType: 'image/png' });
    expect(await readdir(join(root, 'uploads'))).toEqual(['abcdef0123456789.png']);
    await store.delete('abcdef0123456789.png');
    expect(await store.get('abcdef0123456789.png')).toBeUndefined();
    await store.delete('abcdef0123456789.png');
  });

  it('refuses keys that are paths or odd names, and a type its key cannot hold', async () => {
    const store = new DiskFileStore(join(root, 'uploads'));
    await expect(store.put('../escape-12345678.png', new Uint8Array([1]), 'image/png')).rejects.toThrow();
    await expect(store.put('abcdef0123456789.png', new Uint8Array([1]), 'image/jpeg')).rejects.toThrow();
    await expect(store.put('abcdef0123456789.svg', new Uint8Array([1]), 'image/svg+xml')).rejects.toThrow();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});
