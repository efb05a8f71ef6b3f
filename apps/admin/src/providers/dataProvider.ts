/**
 * One data provider for every resource, speaking DESIGN.md's HTTP contract:
 * `GET /api/<r>?page&perPage&sort&order&filter=<json>` → `{data,total}`, `?ids=` → `{data}`,
 * `PATCH` with `If-Match: <version>` and only the changed, editable fields.
 */
import type {
  AuditPurgeInput,
  BulkResult,
  InventoryMovement,
  Job,
  JobAccepted,
  OrderStatusCounts,
  ProductDetail,
  ProductImage,
  ProductImageOrder,
  ProductImageUpload,
  ProductTransition,
  StaffUser,
  StaffUserResetPassword,
  StockAdjustment,
} from '@siyu/shared';
import {
  type CreateParams,
  type DataProvider,
  type DeleteManyParams,
  type DeleteParams,
  type GetListParams,
  type GetManyParams,
  type GetManyReferenceParams,
  type GetOneParams,
  HttpError,
  type Identifier,
  type RaRecord,
  type UpdateParams,
} from 'react-admin';
import { changedFields } from './changes';
import { API_BASE, apiFetch } from './http';
import { errorMessageKey, networkError, toHttpError } from './httpError';

type Json = Record<string, unknown>;

/** Empty strings and nulls from cleared filter inputs mean "no filter". */
export function cleanFilter(filter: Json | undefined): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = value;
  }
  return out;
}

export function listQueryString(params: {
  pagination?: { page: number; perPage: number } | undefined;
  sort?: { field: string; order: string } | undefined;
  filter?: Json | undefined;
}): string {
  const query = new URLSearchParams();
  if (params.pagination) {
    query.set('page', String(params.pagination.page));
    query.set('perPage', String(params.pagination.perPage));
  }
  if (params.sort?.field) {
    query.set('sort', params.sort.field);
    query.set('order', params.sort.order === 'ASC' ? 'ASC' : 'DESC');
  }
  const filter = cleanFilter(params.filter);
  if (Object.keys(filter).length > 0) query.set('filter', JSON.stringify(filter));
  return query.toString();
}

const recordPath = (resource: string, id: Identifier) => `/${resource}/${encodeURIComponent(String(id))}`;

/** Domain actions that are not CRUD, called through `useDataProvider()`. */
export interface SiyuDataProvider extends DataProvider {
  resetStaffPassword(id: Identifier, input: StaffUserResetPassword): Promise<{ data: StaffUser }>;
  purgeAuditLogs(input: AuditPurgeInput): Promise<{ data: { deleted: number } }>;
  /** POST /api/products/{id}/<transition> (reject carries `{reason}`). */
  productTransition(
    id: Identifier,
    transition: ProductTransition,
    body?: { reason: string },
  ): Promise<{ data: ProductDetail }>;
  /** POST /api/products/bulk/<on-shelf|off-shelf> → one result per id. */
  bulkProductTransition(transition: 'on_shelf' | 'off_shelf', ids: Identifier[]): Promise<BulkResult>;
  adjustStock(skuId: Identifier, input: StockAdjustment): Promise<{ data: InventoryMovement }>;
  /** The server-side CSV export of a list with its filter and sort, e.g. /api/products/export.csv?…. */
  exportUrl(resource: string, params: Pick<GetListParams, 'filter' | 'sort'>): string;
  /** Downloads that export (the whole filtered list, streamed) as a Blob. */
  exportCsv(resource: string, params: Pick<GetListParams, 'filter' | 'sort'>): Promise<Blob>;
  /** POST /api/products/import or /api/stock/import with the file's text → the job's id. */
  startProductImport(csv: string): Promise<JobAccepted>;
  startStockImport(csv: string): Promise<JobAccepted>;
  getJob(id: Identifier): Promise<{ data: Job }>;
  /** GET /api/products/{id}/images, in gallery order. */
  listProductImages(productId: Identifier): Promise<{ data: ProductImage[] }>;
  uploadProductImage(productId: Identifier, input: ProductImageUpload): Promise<{ data: ProductImage }>;
  deleteProductImage(productId: Identifier, imageId: Identifier): Promise<void>;
  /** PATCH /api/products/{id}/images: every image once, in the new order. */
  reorderProductImages(productId: Identifier, input: ProductImageOrder): Promise<{ data: ProductImage[] }>;
  /** GET /api/orders/status-counts: orders per status under a filter (its `status` is ignored). */
  orderStatusCounts(filter: Json): Promise<OrderStatusCounts>;
}

/** The URL segment of a product transition: on_shelf → on-shelf. */
export const transitionPath = (transition: ProductTransition) => transition.replace('_', '-');

export const dataProvider: SiyuDataProvider = {
  async getList<R extends RaRecord>(resource: string, params: GetListParams) {
    const qs = listQueryString(params);
    const { json } = await apiFetch<{ data: R[]; total?: number }>(`/${resource}?${qs}`, {
      signal: params.signal,
    });
    return { data: json.data, total: json.total ?? json.data.length };
  },

  async getOne<R extends RaRecord>(resource: string, params: GetOneParams<R>) {
    const { json } = await apiFetch<{ data: R }>(recordPath(resource, params.id), { signal: params.signal });
    return { data: json.data };
  },

  async getMany<R extends RaRecord>(resource: string, params: GetManyParams<R>) {
    if (params.ids.length === 0) return { data: [] };
    const ids = params.ids.map((id) => encodeURIComponent(String(id))).join(',');
    const { json } = await apiFetch<{ data: R[] }>(`/${resource}?ids=${ids}`, { signal: params.signal });
    return { data: json.data };
  },

  async getManyReference<R extends RaRecord>(resource: string, params: GetManyReferenceParams) {
    const qs = listQueryString({ ...params, filter: { ...params.filter, [params.target]: params.id } });
    const { json } = await apiFetch<{ data: R[]; total?: number }>(`/${resource}?${qs}`, {
      signal: params.signal,
    });
    return { data: json.data, total: json.total ?? json.data.length };
  },

  async create<R extends RaRecord>(resource: string, params: CreateParams) {
    const { json } = await apiFetch<{ data: R }>(`/${resource}`, { method: 'POST', body: params.data });
    return { data: json.data };
  },

  async update<R extends RaRecord>(resource: string, params: UpdateParams) {
    const previous = params.previousData as Json | undefined;
    const patch = changedFields(resource, params.data as Json, previous);
    if (Object.keys(patch).length === 0 && previous) return { data: previous as R };
    const headers: Record<string, string> = {};
    if (previous && typeof previous.version === 'number') headers['If-Match'] = String(previous.version);
    const { json } = await apiFetch<{ data: R }>(recordPath(resource, params.id), {
      method: 'PATCH',
      body: patch,
      headers,
    });
    return { data: json.data };
  },

  async updateMany() {
    // Every PATCH needs the record's own version (If-Match): bulk edits go through /bulk/<action>.
    throw new HttpError(errorMessageKey('BAD_REQUEST'), 400, { code: 'BAD_REQUEST' });
  },

  async delete<R extends RaRecord>(resource: string, params: DeleteParams<R>) {
    await apiFetch(recordPath(resource, params.id), { method: 'DELETE' });
    return { data: (params.previousData ?? { id: params.id }) as R };
  },

  async deleteMany(resource: string, params: DeleteManyParams) {
    for (const id of params.ids) await apiFetch(recordPath(resource, id), { method: 'DELETE' });
    return { data: params.ids };
  },

  async resetStaffPassword(id, input) {
    const { json } = await apiFetch<{ data: StaffUser }>(`${recordPath('staff-users', id)}/reset-password`, {
      method: 'POST',
      body: input,
    });
    return json;
  },

  async purgeAuditLogs(input) {
    const { json } = await apiFetch<{ data: { deleted: number } }>('/audit-logs/purge', {
      method: 'POST',
      body: input,
    });
    return json;
  },

  async productTransition(id, transition, body) {
    const { json } = await apiFetch<{ data: ProductDetail }>(
      `${recordPath('products', id)}/${transitionPath(transition)}`,
      { method: 'POST', body: body ?? {} },
    );
    return json;
  },

  async bulkProductTransition(transition, ids) {
    const { json } = await apiFetch<BulkResult>(`/products/bulk/${transitionPath(transition)}`, {
      method: 'POST',
      body: { ids: ids.map(Number) },
    });
    return json;
  },

  async orderStatusCounts(filter) {
    const { status: _status, ...others } = filter;
    const { json } = await apiFetch<OrderStatusCounts>(
      `/orders/status-counts?${listQueryString({ filter: others })}`,
    );
    return json;
  },

  async adjustStock(skuId, input) {
    const { json } = await apiFetch<{ data: InventoryMovement }>(
      `${recordPath('skus', skuId)}/stock-adjustments`,
      { method: 'POST', body: input },
    );
    return json;
  },

  exportUrl(resource, params) {
    return `${API_BASE}/${resource}/export.csv?${listQueryString(params)}`;
  },

  async exportCsv(resource, params) {
    let response: Response;
    try {
      response = await fetch(dataProvider.exportUrl(resource, params), { credentials: 'same-origin' });
    } catch {
      throw networkError();
    }
    if (!response.ok) throw toHttpError(response.status, await response.json().catch(() => undefined));
    return response.blob();
  },

  async startProductImport(csv) {
    const { json } = await apiFetch<JobAccepted>('/products/import', { method: 'POST', body: { csv } });
    return json;
  },

  async startStockImport(csv) {
    const { json } = await apiFetch<JobAccepted>('/stock/import', { method: 'POST', body: { csv } });
    return json;
  },

  async getJob(id) {
    const { json } = await apiFetch<{ data: Job }>(recordPath('jobs', id));
    return json;
  },

  async listProductImages(productId) {
    const { json } = await apiFetch<{ data: ProductImage[] }>(`${recordPath('products', productId)}/images`);
    return json;
  },

  async uploadProductImage(productId, input) {
    const { json } = await apiFetch<{ data: ProductImage }>(`${recordPath('products', productId)}/images`, {
      method: 'POST',
      body: input,
    });
    return json;
  },

  async reorderProductImages(productId, input) {
    const { json } = await apiFetch<{ data: ProductImage[] }>(`${recordPath('products', productId)}/images`, {
      method: 'PATCH',
      body: input,
    });
    return json;
  },

  async deleteProductImage(productId, imageId) {
    await apiFetch(`${recordPath('products', productId)}/images/${encodeURIComponent(String(imageId))}`, {
      method: 'DELETE',
    });
  },
};
