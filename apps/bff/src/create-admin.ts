/**
 * Creates an admin account: npm run create-admin -- --username <name> [--display-name <name>]
 * The password comes from ADMIN_PASSWORD or a hidden prompt (at least 10 characters).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createPasswordHasher } from './auth/password.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createAdmin } from './db/seed/admin.js';
import { ensureSettings } from './modules/settings/service.js';

const usage = 'Usage: npm run create-admin -- --username <name> [--display-name <name>]';

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('No terminal to ask for the password: set ADMIN_PASSWORD.');
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const first = await promptHidden('Password (at least 10 characters): ');
  const again = await promptHidden('Repeat the password: ');
  if (first !== again) throw new Error('The two passwords differ.');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, 'display-name': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.username) {
    console.log(usage);
    process.exit(values.help ? 0 : 1);
  }
  const config = loadConfig();
  const password = await readPassword();
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    await ensureSettings(db);
    const admin = await createAdmin(db, createPasswordHasher(config.argon2), {
      username: values.username,
      displayName: values['display-name'],
      password,
    });
    console.log(`Created admin "${admin.username}" (id ${admin.id}).`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
