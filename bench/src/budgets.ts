/**
 * DESIGN.md "Budgets" as data (2-core machine, PostgreSQL, 1,000,000 orders, 100,000 members).
 * Scenarios pick the budget that applies to what they measure; `report.ts` prints each
 * figure beside it. Benchmarks never fail a build on a time.
 */
export type Budget = {
  id: string;
  /** The line of the DESIGN.md table. */
  what: string;
  /** The measured quantity this budget bounds. */
  metric: 'p95' | 'p99' | 'rps' | 'duration' | 'kb_gz' | 'count';
  unit: 'ms' | 'req/s' | 'KB' | '';
  /** "max": measured must be ≤ limit; "min": measured must be ≥ limit. */
  kind: 'max' | 'min';
  limit: number;
  /** When set: measured must also be ≤ this many times the side-by-side raw baseline. */
  maxRatioToBaseline?: number;
};

export const budgets = {
  listPage: {
    id: 'list-page',
    what: 'list, filtered + sorted, page of 25 with total, p95 through the BFF (≤ 2× the same SQL run directly)',
    metric: 'p95',
    unit: 'ms',
    kind: 'max',
    limit: 50,
    maxRatioToBaseline: 2,
  },
  /** The catalog's product list is held to the same list budget, at 10,000 products / 50,000 SKUs. */
  productListPage: {
    id: 'product-list-page',
    what: 'product list at 10,000 products, searched/filtered + sorted, page of 25 with total, 20 concurrent clients, p95 through the BFF (≤ 2× the same SQL run directly)',
    metric: 'p95',
    unit: 'ms',
    kind: 'max',
    limit: 50,
    maxRatioToBaseline: 2,
  },
  /** The CS after-sales queue is a list too, held to the same budget at 100,000 cases. */
  refundQueuePage: {
    id: 'refund-queue-page',
    what: 'CS after-sales queue at 100,000 cases, by deadline or filtered, page of 25 with total, 20 concurrent clients, p95 through the BFF (≤ 2× the same SQL run directly)',
    metric: 'p95',
    unit: 'ms',
    kind: 'max',
    limit: 50,
    maxRatioToBaseline: 2,
  },
  recordDetail: {
    id: 'record-detail',
    what: 'record detail, p95',
    metric: 'p95',
    unit: 'ms',
    kind: 'max',
    limit: 20,
  },
  dashboardSummary: {
    id: 'dashboard-summary',
    what: 'dashboard summary for any 30-day range, p95',
    metric: 'p95',
    unit: 'ms',
    kind: 'max',
    limit: 100,
  },
  channelOrderBurstP99: {
    id: 'channel-burst-p99',
    what: '1,000 concurrent channel orders on a SKU with 100 units (exactly 100 accepted, 0 oversold, 0 5xx), p99',
    metric: 'p99',
    unit: 'ms',
    kind: 'max',
    limit: 1000,
  },
  channelOrderBurstAccepted: {
    id: 'channel-burst-accepted',
    what: '1,000 concurrent channel orders on a SKU with 100 units: accepted orders (exactly 100)',
    metric: 'count',
    unit: '',
    kind: 'max',
    limit: 100,
  },
  sustainedOrdersRps: {
    id: 'sustained-orders-rps',
    what: 'sustained channel orders over many SKUs, throughput',
    metric: 'rps',
    unit: 'req/s',
    kind: 'min',
    limit: 1000,
  },
  sustainedOrdersP99: {
    id: 'sustained-orders-p99',
    what: 'sustained channel orders over many SKUs, p99',
    metric: 'p99',
    unit: 'ms',
    kind: 'max',
    limit: 300,
  },
  spaInitialJs: {
    id: 'spa-initial-js',
    what: 'SPA initial JS, gzip (≤ 1.2× a bare react-admin app with one list: 332 KB gz)',
    metric: 'kb_gz',
    unit: 'KB',
    kind: 'max',
    limit: 1.2 * 332,
    maxRatioToBaseline: 1.2,
  },
  listInteractive: {
    id: 'list-interactive',
    what: 'any list interactive on localhost',
    metric: 'duration',
    unit: 'ms',
    kind: 'max',
    limit: 1000,
  },
  tagRecompute: {
    id: 'tag-recompute',
    what: 'tag rule recompute over 100,000 members',
    metric: 'duration',
    unit: 'ms',
    kind: 'max',
    limit: 5000,
  },
  couponPush: {
    id: 'coupon-push',
    what: 'coupon push to a 100,000-member tag, with progress',
    metric: 'duration',
    unit: 'ms',
    kind: 'max',
    limit: 15_000,
  },
} as const satisfies Record<string, Budget>;

/** Not a number: "CSV export of 100,000 orders — streamed, flat memory" is checked by its scenario. */
export const qualitativeBudgets = ['CSV export of 100,000 orders: streamed, flat memory'] as const;
