/** argon2id password hashing, and a dummy verify so unknown usernames take as long as known ones. */
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.js';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum the bundler cannot inline). */
const ARGON2ID = 2;

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the same work as a verify when there is no user to verify against. */
  verifyDummy(password: string): Promise<false>;
};

export function createPasswordHasher(cost: Config['argon2']): PasswordHasher {
  const options = { algorithm: ARGON2ID, ...cost };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    verifyDummy: async (password) => {
      dummy ??= hash('not-a-real-password-only-spends-time', options);
      await verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}
