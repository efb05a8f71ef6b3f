/**
 * The CS queue's reads: the list (AfterSalesFilter, paging, ids= for getMany) and the counters
 * of the badge and tabs. The default order is the queue's: cases awaiting action by deadline
 * (overdue first), then the others newest first — read as two index walks (the partial
 * deadline index, then created_at backwards) rather than sorting every case.
 */
import {
  type AfterSalesCase,
  type AfterSalesCounts,
  AfterSalesFilter,
  type AfterSalesStatus,
  type afterSalesSortFields,
  afterSalesStatuses,
  DUE_SOON_HOURS,
} from '@siyu/shared';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';
import {
  fetchPage,
  type ListQuery,
  likePattern,
  pageWindow,
  parseFilter,
  parseIds,
  prefixPattern,
  rowsByIds,
} from '../../lib/list.js';
import { toCases } from './record.js';

type SortField = (typeof afterSalesSortFields)[number];
type Cases = SelectQueryBuilder<Database, 'afterSalesCases', object>;

const HOUR = 3_600_000;
const PHONE_TAIL = /^\d{4}$/;
const NUMBER_PART = /^[0-9A-Za-z]+$/;

/** Orders whose number starts so, by the prefix index, as an array computed once. */
const ordersNumbered = (db: Db, prefix: string) =>
  sql<boolean>`after_sales_cases.order_id = any(array${db
    .selectFrom('orders')
    .select('orders.id')
    .where('orders.orderNo', 'like', prefixPattern(prefix))})`;

/**
 * `q`: a case number's or an order number's beginning, a member's nickname, or the last 4
 * digits of the member's phone. Members and orders are looked up first by their own indexes.
 */
function matchingQ(db: Db, base: Cases, q: string): Cases {
  const tail = PHONE_TAIL.test(q);
  return base.where((eb) => {
    const members = eb
      .selectFrom('members')
      .select('members.id')
      .where((m) =>
        m.or([
          m.and([
            m(sql`text_grams(lower(members.nickname))`, '@>', sql<string[]>`text_grams(lower(${q}))`),
            m('members.nickname', 'ilike', likePattern(q)),
          ]),
          ...(tail
            ? [m.and([m('members.phone', 'is not', null), m(sql`right(members.phone, 4)`, '=', q)])]
            : []),
        ]),
      );
    return eb.or([
      ...(NUMBER_PART.test(q)
        ? [eb('afterSalesCases.caseNo', 'like', prefixPattern(q.toUpperCase())), ordersNumbered(db, q)]
        : []),
      sql<boolean>`after_sales_cases.member_id = any(array${members})`,
    ]);
  });
}

/** The queue's filter as a query over after_sales_cases; `now` decides what is overdue. */
export function filteredCases(db: Db, filter: AfterSalesFilter, now: Date): Cases {
  let base: Cases = db.selectFrom('afterSalesCases');
  if (filter.status !== undefined)
    base = base.where(
      'afterSalesCases.status',
      'in',
      Array.isArray(filter.status) ? filter.status : [filter.status],
    );
  if (filter.type) base = base.where('afterSalesCases.type', '=', filter.type);
  if (filter.reasonCode) base = base.where('afterSalesCases.reasonCode', '=', filter.reasonCode);
  if (filter.approvalStage) base = base.where('afterSalesCases.approvalStage', '=', filter.approvalStage);
  if (filter.requestedAmount_gte !== undefined)
    base = base.where('afterSalesCases.requestedAmount', '>=', filter.requestedAmount_gte);
  if (filter.requestedAmount_lte !== undefined)
    base = base.where('afterSalesCases.requestedAmount', '<=', filter.requestedAmount_lte);
  if (filter.memberId) base = base.where('afterSalesCases.memberId', '=', filter.memberId);
  if (filter.orderId) base = base.where('afterSalesCases.orderId', '=', filter.orderId);
  if (filter.orderNo)
    base = NUMBER_PART.test(filter.orderNo)
      ? base.where(ordersNumbered(db, filter.orderNo))
      : base.where(sql<boolean>`false`);
  if (filter.assigneeId !== undefined)
    base =
      filter.assigneeId === 0
        ? base.where('afterSalesCases.assigneeId', 'is', null)
        : base.where('afterSalesCases.assigneeId', '=', filter.assigneeId);
  if (filter.awaitingAction !== undefined)
    base = base.where('afterSalesCases.slaDueAt', filter.awaitingAction ? 'is not' : 'is', null);
  if (filter.overdue === true) base = base.where('afterSalesCases.slaDueAt', '<', now);
  if (filter.overdue === false)
    base = base.where((eb) =>
      eb.or([eb('afterSalesCases.slaDueAt', 'is', null), eb('afterSalesCases.slaDueAt', '>=', now)]),
    );
  if (filter.createdAt_gte)
    base = base.where('afterSalesCases.createdAt', '>=', new Date(filter.createdAt_gte));
  if (filter.createdAt_lte)
    base = base.where('afterSalesCases.createdAt', '<=', new Date(filter.createdAt_lte));
  if (filter.q) base = matchingQ(db, base, filter.q);
  return base;
}

/** The queue order: deadlines ascending (overdue first), then the cases without one, newest first. */
async function queuePage(filtered: Cases, query: { page: number; perPage: number }) {
  const { limit, offset } = pageWindow(query);
  const count = (query: Cases) =>
    query
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));
  // Two counts, not one with count(sla_due_at): each can then be answered from an index alone.
  const [total, dueCount, due] = await Promise.all([
    count(filtered),
    count(filtered.where('afterSalesCases.slaDueAt', 'is not', null)),
    filtered
      .selectAll()
      .where('afterSalesCases.slaDueAt', 'is not', null)
      .orderBy('afterSalesCases.slaDueAt', 'asc')
      .orderBy('afterSalesCases.id', 'asc')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const rows: AfterSalesCaseRow[] = [...due];
  if (rows.length < limit) {
    const rest = await filtered
      .selectAll()
      .where('afterSalesCases.slaDueAt', 'is', null)
      .orderBy('afterSalesCases.createdAt', 'desc')
      .orderBy('afterSalesCases.id', 'desc')
      .limit(limit - rows.length)
      .offset(Math.max(0, offset - dueCount))
      .execute();
    rows.push(...rest);
  }
  return { data: rows, total };
}

export async function listCases(
  db: Db,
  query: ListQuery<SortField>,
  now: Date,
): Promise<{ data: AfterSalesCase[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) return { data: await toCases(db, await rowsByIds(db, 'afterSalesCases', ids)) };
  const filtered = filteredCases(db, parseFilter(AfterSalesFilter, query.filter), now);
  const page =
    (query.sort ?? 'slaDueAt') === 'slaDueAt'
      ? await queuePage(filtered, query)
      : await fetchPage(filtered, query, (row) => row);
  return { data: await toCases(db, page.data), total: page.total };
}

/**
 * The badge and the tabs. Every case awaiting action has a deadline, so all but the per-status
 * counts read the partial deadline index only.
 */
export async function caseCounts(db: Db, now: Date, userId: number | null): Promise<AfterSalesCounts> {
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * HOUR);
  const [awaiting, byStatus] = await Promise.all([
    db
      .selectFrom('afterSalesCases')
      .where('slaDueAt', 'is not', null)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('awaitingAction'),
        sql<number | string>`count(*) filter (where ${eb.ref('slaDueAt')} < ${now})`.as('overdue'),
        sql<
          number | string
        >`count(*) filter (where ${eb.ref('slaDueAt')} >= ${now} and ${eb.ref('slaDueAt')} < ${soon})`.as(
          'dueSoon',
        ),
        sql<number | string>`count(*) filter (where ${eb.ref('approvalStage')} = 'admin')`.as(
          'awaitingAdmin',
        ),
        sql<number | string>`count(*) filter (where ${eb.ref('assigneeId')} = ${userId ?? 0})`.as('mine'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('afterSalesCases')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute(),
  ]);
  const statuses = Object.fromEntries(afterSalesStatuses.map((s) => [s, 0])) as Record<
    AfterSalesStatus,
    number
  >;
  for (const row of byStatus) statuses[row.status] = Number(row.n);
  return {
    data: {
      awaitingAction: Number(awaiting.awaitingAction),
      overdue: Number(awaiting.overdue),
      dueSoon: Number(awaiting.dueSoon),
      awaitingAdmin: Number(awaiting.awaitingAdmin),
      mine: Number(awaiting.mine),
      byStatus: statuses,
    },
  };
}
