#!/usr/bin/env node
/**
 * Finds a Chromium for the Playwright end-to-end tests, installing one when none is found
 * (DESIGN.md "Tests and checks"):
 *   1. `CHROMIUM_PATH`, if it points at an executable;
 *   2. the system Chromium (`/usr/bin/chromium`, `/usr/bin/chromium-browser`);
 *   3. a browser Playwright has already downloaded;
 *   4. otherwise: as root on Debian, `apt-get install chromium` (plus a CJK font so the zh-CN
 *      screens render in screenshots); anywhere else, `npx playwright install chromium`.
 *
 * Usable as a module (`ensureChromium()` returns the path) or as a script (prints the path
 * on its last line of stdout; progress goes to stderr... and the install notice to stdout).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutable(path) {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable of a Chromium that Playwright downloaded earlier, if any. */
function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium() {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by the test runner, not inside a turbo task.
  const wanted = process.env.CHROMIUM_PATH;
  if (isExecutable(wanted)) return wanted;
  for (const path of SYSTEM_PATHS) if (isExecutable(path)) return path;
  return playwrightChromium();
}

function hasCjkFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

function run(command, args, env = process.env) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = () => existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], env);
}

/** Returns the path of a usable Chromium, installing one if needed. Throws when it cannot. */
export function ensureChromium() {
  const found = findChromium();
  if (found) {
    // A Chromium without any CJK font renders the zh-CN screens as boxes in screenshots;
    // the tests still pass (they look for accessible names), so only add one when it is cheap.
    if (isRoot() && isDebian() && !hasCjkFont()) {
      console.log('ensure-chromium: no CJK font found; installing Debian package fonts-wqy-zenhei');
      try {
        aptInstall(['fonts-wqy-zenhei']);
      } catch (error) {
        console.log(`ensure-chromium: could not install a CJK font (${error.message}); continuing`);
      }
    }
    return found;
  }

  if (isRoot() && isDebian()) {
    const packages = ['chromium'];
    if (!hasCjkFont()) packages.push('fonts-wqy-zenhei');
    console.log(
      `ensure-chromium: no Chromium found; installing Debian package(s) ${packages.join(', ')} with apt-get`,
    );
    aptInstall(packages);
  } else {
    console.log(
      'ensure-chromium: no Chromium found; downloading Playwright Chromium (npx playwright install chromium)',
    );
    run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
  }

  const installed = findChromium();
  if (!installed)
    throw new Error('ensure-chromium: Chromium installation finished but no executable was found');
  console.log(`ensure-chromium: installed ${installed}`);
  return installed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const path = ensureChromium();
    console.log(path);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
