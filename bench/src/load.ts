/**
 * Load generation: HTTP through autocannon, and any async function (e.g. raw SQL through
 * `pg`) through the same closed loop of N concurrent workers, so both sides report the same
 * figures. Percentiles are computed from every response time recorded (autocannon's own
 * summary has no p95).
 */
import autocannon from 'autocannon';

export type LoadResult = {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
};

export type LoadOptions = { connections: number; durationSeconds: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

function summarise(
  name: string,
  times: number[],
  seconds: number,
  connections: number,
  errors: number,
  non2xx: number,
): LoadResult {
  const sorted = Float64Array.from(times).sort();
  const list = Array.from(sorted);
  return {
    name,
    connections,
    seconds,
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? (list[list.length - 1] as number) : Number.NaN,
    errors,
    non2xx,
  };
}

export type HttpLoad = {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
};

/** Runs one autocannon load and returns its figures (only 2xx responses count as requests). */
export async function httpLoad(load: HttpLoad, options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const instance = autocannon({
    url: load.url,
    method: load.method ?? 'GET',
    headers: load.headers ?? {},
    body: load.body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    else non2xx += 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  return summarise(load.name, times, seconds, options.connections, result.errors + result.timeouts, non2xx);
}

/** N workers each calling `task` back to back for the duration (a closed loop like autocannon's). */
export async function taskLoad(
  name: string,
  task: () => Promise<unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + options.durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await task();
        times.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  if (firstError) console.error(`${name}: ${errors} error(s), first:`, firstError);
  const seconds = (performance.now() - started) / 1000;
  return summarise(name, times, seconds, options.connections, errors, 0);
}
