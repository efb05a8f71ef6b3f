/**
 * Where uploaded files live, behind one small interface so an S3-compatible store (put →
 * PutObject, get → GetObject, delete → DeleteObject) can replace the disk later.
 *
 * - DiskFileStore keeps each file under `$DATA_DIR/uploads/<key>`; the key's extension says its
 *   content type (an S3 store would keep it as object metadata). Writes go to a temporary name
 *   first and are renamed into place, so a reader never sees half a file.
 * - MemoryFileStore is for in-memory databases (`DATA_DIR=memory://`, the tests): one store per
 *   process, so the seed and the app built afterwards see the same files.
 *
 * Keys are flat names (letters, digits, dashes and one extension), never paths: a key that
 * does not match is refused before it reaches the disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export type StoredFile = { bytes: Uint8Array; contentType: string };

export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | undefined>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9-]{7,95}\.(png|jpg|webp)$/;
const TYPE_OF_EXTENSION: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export const isValidKey = (key: string) => KEY.test(key);
const typeOfKey = (key: string) => TYPE_OF_EXTENSION[key.slice(key.lastIndexOf('.') + 1)] ?? '';

function assertKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`invalid file key: ${JSON.stringify(key)}`);
}

export class DiskFileStore implements FileStore {
  private ready: Promise<unknown> | undefined;

  constructor(readonly root: string) {}

  private ensureRoot() {
    this.ready ??= mkdir(this.root, { recursive: true });
    return this.ready;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertKey(key);
    if (typeOfKey(key) !== contentType) throw new Error(`${key} cannot hold ${contentType}`);
    await this.ensureRoot();
    const path = join(this.root, key);
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }

  async get(key: string): Promise<StoredFile | undefined> {
    if (!isValidKey(key)) return undefined;
    const path = join(this.root, key);
    try {
      return { bytes: new Uint8Array(await readFile(path)), contentType: typeOfKey(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isValidKey(key)) return;
    await rm(join(this.root, key), { force: true });
  }
}

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, StoredFile>();

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertKey(key);
    this.files.set(key, { bytes: new Uint8Array(bytes), contentType });
  }

  async get(key: string): Promise<StoredFile | undefined> {
    return this.files.get(key);
  }

  async delete(key: string): Promise<void> {
    this.files.delete(key);
  }
}

const stores = new Map<string, FileStore>();

/** The store for an uploads location ('memory://' or a folder), one instance per location. */
export function fileStoreFor(config: { uploadsDir: string }): FileStore {
  const where = config.uploadsDir === 'memory://' ? 'memory://' : resolve(config.uploadsDir);
  let store = stores.get(where);
  if (!store) {
    store = where === 'memory://' ? new MemoryFileStore() : new DiskFileStore(where);
    stores.set(where, store);
  }
  return store;
}
