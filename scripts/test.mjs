#!/usr/bin/env node
/**
 * `npm test`: the whole suite, stage after stage, from the repository root (DESIGN.md "Tests
 * and checks"). Every tool's own output is streamed; each stage then prints one summary line,
 * and the very last line is `N passed, N failed` over all stages. Exit code 1 if anything
 * failed.
 *
 * How stages count:
 *   - chromium, build + typecheck, lint: one check each (1 passed or 1 failed);
 *   - Vitest workspaces: their tests, from the JSON reporter (a file that fails to load, or a
 *     run that exits non-zero without a failing test, counts as at least one failure);
 *   - Playwright: its tests from the JSON reporter (flaky = passed on retry counts as passed;
 *     a web server or global-setup crash counts as at least one failure).
 * A stage that could not run at all (e.g. e2e when Chromium is missing) counts as 1 failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'siyu-test-'));
const startedAt = Date.now();

/** @type {{ name: string, passed: number, failed: number, skipped: number, seconds: number, note: string }[]} */
const results = [];

function banner(text) {
  const line = '─'.repeat(Math.max(10, 78 - text.length));
  console.log(`\n\x1b[1m── ${text} ${line}\x1b[0m`);
}

/** Runs a command with inherited output; resolves to its exit code (never rejects). */
function run(command, args, options = {}) {
  const shown = [relative(root, command) || command, ...args].join(' ');
  console.log(
    `$ ${shown}${options.cwd && options.cwd !== root ? `   (in ${relative(root, options.cwd)})` : ''}`,
  );
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function stage(name, body) {
  banner(name);
  const t0 = Date.now();
  let outcome;
  try {
    outcome = await body();
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
    outcome = { passed: 0, failed: 1, note: `crashed: ${error instanceof Error ? error.message : error}` };
  }
  const result = { name, skipped: 0, note: '', ...outcome, seconds: (Date.now() - t0) / 1000 };
  results.push(result);
  const verdict = result.failed > 0 ? '\x1b[31mFAIL\x1b[0m' : '\x1b[32mok\x1b[0m';
  console.log(
    `\n[${name}] ${verdict}: ${result.passed} passed, ${result.failed} failed` +
      `${result.skipped ? `, ${result.skipped} skipped` : ''} in ${result.seconds.toFixed(1)} s` +
      `${result.note ? ` (${result.note})` : ''}`,
  );
  return result;
}

const check = (code, what) =>
  code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `${what} exited with ${code}` };

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when the workspace has at least one test file (Vitest fails on a workspace without). */
const hasVitestTests = (dir) => existsSync(dir) && findTestFile(dir);

function findTestFile(dir, depth = 0) {
  if (depth > 6) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.turbo', 'data'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (findTestFile(path, depth + 1)) return true;
    } else if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name)) {
      return true;
    }
  }
  return false;
}

async function vitestStage(workspace) {
  const dir = join(root, workspace);
  if (!hasVitestTests(dir)) {
    console.log(`no tests in ${workspace}: skipped`);
    return { passed: 0, failed: 0, note: 'no tests' };
  }
  const out = join(work, `${workspace.replace(/\W+/g, '-')}.json`);
  const code = await run(
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile=${out}`],
    {
      cwd: dir,
    },
  );
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1, note: `no JSON report (vitest exited with ${code})` };
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const notes = [];
  // A test file that throws while loading has no failed test in it but fails the suite.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  if (brokenFiles > 0) {
    failed += brokenFiles;
    notes.push(`${brokenFiles} file(s) failed to run`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with ${code}`);
  }
  return { passed, failed, skipped, note: notes.join('; ') };
}

async function main() {
  console.log(`Siyu Back Office test suite — ${new Date().toISOString()}, node ${process.version}`);
  let chromium;

  await stage('chromium', async () => {
    chromium = ensureChromium();
    console.log(`using Chromium at ${chromium}`);
    return { passed: 1, failed: 0, note: chromium };
  });

  await stage('build + typecheck', async () =>
    check(await run(bin('turbo'), ['run', 'build', 'typecheck', '--output-logs=new-only']), 'turbo'),
  );

  await stage('lint + format (biome)', async () => check(await run(bin('biome'), ['check', '.']), 'biome'));

  for (const workspace of ['packages/shared', 'apps/admin', 'apps/bff']) {
    await stage(`vitest ${workspace}`, () => vitestStage(workspace));
  }

  await stage('e2e (playwright)', async () => {
    if (!chromium) return { passed: 0, failed: 1, note: 'not run: no Chromium' };
    for (const built of ['apps/bff/dist/server.js', 'apps/admin/dist/index.html']) {
      if (!existsSync(join(root, built)))
        return { passed: 0, failed: 1, note: `not run: ${built} is missing` };
    }
    const out = join(work, 'e2e.json');
    const dataDir = join(work, 'e2e-data');
    const code = await run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
      env: { CHROMIUM_PATH: chromium, E2E_JSON_REPORT: out, E2E_DATA_DIR: dataDir },
    });
    const report = readJson(out);
    if (!report?.stats)
      return { passed: 0, failed: 1, note: `no JSON report (playwright exited with ${code})` };
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    let failed = unexpected;
    const notes = [];
    if (flaky > 0) notes.push(`${flaky} flaky`);
    for (const error of report.errors ?? []) notes.push(String(error.message ?? '').split('\n')[0]);
    if (code !== 0 && failed === 0) {
      failed = 1;
      notes.push(`playwright exited with ${code}`);
    }
    return { passed: expected + flaky, failed, skipped, note: notes.join('; ').slice(0, 300) };
  });

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  banner('summary');
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    console.log(
      `${r.failed > 0 ? 'FAIL' : ' ok '}  ${r.name.padEnd(width)}  ${String(r.passed).padStart(4)} passed  ` +
        `${String(r.failed).padStart(3)} failed  ${String(r.skipped).padStart(3)} skipped  ` +
        `${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  ${r.note}` : ''}`,
    );
  }
  console.log(`total time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
