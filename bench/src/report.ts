/**
 * Prints what the benchmarks measured: a latency table per load run, then each figure beside
 * its budget (and its raw baseline where one applies) with a verdict. Never exits non-zero:
 * a time over budget is information, not a failure.
 */
import type { Budget } from './budgets.js';
import type { LoadResult } from './load.js';

export type Figure = {
  /** What was measured, e.g. "GET /api/auth/me p95". */
  name: string;
  measured: number;
  unit: string;
  budget?: Budget;
  /** A side-by-side baseline (e.g. the same SQL run directly) for a ratio budget. */
  baseline?: { name: string; value: number };
  note?: string;
};

export type Verdict = 'ok' | 'over' | '—';

export function verdictOf(figure: Figure): Verdict {
  const { budget, measured, baseline } = figure;
  if (!budget || !Number.isFinite(measured)) return '—';
  const withinLimit = budget.kind === 'max' ? measured <= budget.limit : measured >= budget.limit;
  const withinRatio =
    budget.maxRatioToBaseline === undefined || !baseline || baseline.value <= 0
      ? true
      : measured <= budget.maxRatioToBaseline * baseline.value;
  return withinLimit && withinRatio ? 'ok' : 'over';
}

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'n/a';

function table(headers: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printLoadTable(runs: LoadResult[]): void {
  console.log(
    `\n${table(
      ['run', 'conn', 's', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx'],
      runs.map((r) => [
        r.name,
        String(r.connections),
        fmt(r.seconds, 1),
        String(r.requests),
        fmt(r.rps, 1),
        fmt(r.p50, 2),
        fmt(r.p95, 2),
        fmt(r.p99, 2),
        fmt(r.max, 1),
        String(r.errors),
        String(r.non2xx),
      ]),
      new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    )}`,
  );
}

export function printFigures(figures: Figure[]): void {
  const rows = figures.map((f) => {
    const budget = f.budget
      ? `${f.budget.kind === 'max' ? '≤' : '≥'} ${fmt(f.budget.limit, 1)} ${f.budget.unit}${
          f.budget.maxRatioToBaseline ? ` and ≤ ${f.budget.maxRatioToBaseline}× baseline` : ''
        }`
      : '—';
    const baseline = f.baseline
      ? `${fmt(f.baseline.value, 2)} ${f.unit} (${f.baseline.name}; ×${fmt(f.measured / f.baseline.value, 2)})`
      : '—';
    return [f.name, `${fmt(f.measured, 2)} ${f.unit}`, budget, baseline, verdictOf(f), f.note ?? ''];
  });
  console.log(
    `\n${table(['figure', 'measured', 'budget', 'baseline', 'verdict', 'note'], rows, new Set([1]))}`,
  );
  const over = figures.filter((f) => verdictOf(f) === 'over').length;
  console.log(
    `\n${figures.length} figure(s), ${over} over budget (benchmarks inform; they never fail the build).`,
  );
}
