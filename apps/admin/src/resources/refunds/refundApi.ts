/**
 * The customer-service verbs on a case (DESIGN.md: domain actions are verbs on a record), the
 * queue's counts and the options CS works with. Writes that change the case send its version
 * as If-Match, so a decision is never taken on a stale page.
 */
import type {
  AfterSalesApprove,
  AfterSalesAssign,
  AfterSalesCounts,
  AfterSalesDetail,
  AfterSalesNote,
  AfterSalesOptions,
  AfterSalesReceive,
  AfterSalesReject,
  AfterSalesStartRefund,
  BulkResult,
} from '@siyu/shared';
import type { Identifier } from 'react-admin';
import { apiFetch } from '../../providers/http';

type CaseRef = Pick<AfterSalesDetail, 'id' | 'version'>;

const casePath = (id: Identifier) => `/refunds/${encodeURIComponent(String(id))}`;
const ifMatch = (version: number) => ({ 'If-Match': String(version) });

async function caseVerb(c: CaseRef, verb: string, body: unknown): Promise<AfterSalesDetail> {
  const { json } = await apiFetch<{ data: AfterSalesDetail }>(`${casePath(c.id)}/${verb}`, {
    method: 'POST',
    body,
    headers: ifMatch(c.version),
  });
  return json.data;
}

export const claimCase = (c: CaseRef) => caseVerb(c, 'claim', {});
export const assignCase = (c: CaseRef, input: AfterSalesAssign) => caseVerb(c, 'assign', input);
export const approveCase = (c: CaseRef, input: AfterSalesApprove) => caseVerb(c, 'approve', input);
export const rejectCase = (c: CaseRef, input: AfterSalesReject) => caseVerb(c, 'reject', input);
export const receiveReturn = (c: CaseRef, input: AfterSalesReceive) => caseVerb(c, 'receive', input);
export const startRefund = (c: CaseRef, input: AfterSalesStartRefund) => caseVerb(c, 'start-refund', input);
export const retryRefund = (c: CaseRef) => caseVerb(c, 'retry-refund', {});

/** Notes add to the timeline and change nothing else: no version needed. */
export async function addCaseNote(id: Identifier, input: AfterSalesNote) {
  const { json } = await apiFetch<unknown>(`${casePath(id)}/notes`, { method: 'POST', body: input });
  return json;
}

/** Small refund-only cases at once; one result per id. */
export async function bulkApproveCases(ids: readonly Identifier[]) {
  const { json } = await apiFetch<BulkResult>('/refunds/bulk/approve', {
    method: 'POST',
    body: { ids: ids.map(Number) },
  });
  return json.data;
}

export async function fetchCaseCounts(signal?: AbortSignal) {
  const { json } = await apiFetch<AfterSalesCounts>('/refunds/counts', { signal });
  return json.data;
}

export async function fetchCaseOptions(signal?: AbortSignal) {
  const { json } = await apiFetch<AfterSalesOptions>('/refunds/options', { signal });
  return json.data;
}
