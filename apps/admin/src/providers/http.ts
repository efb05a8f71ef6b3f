/**
 * The SPA's only `fetch`: same-origin cookies, JSON both ways, and on every unsafe method a
 * JSON body with `Content-Type: application/json` (the BFF refuses anything else, as CSRF).
 */
import { networkError, toHttpError } from './httpError';

export const API_BASE = '/api';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export interface ApiResponse<T> {
  status: number;
  json: T;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function apiFetch<T = unknown>(path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (request.signal) init.signal = request.signal;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(request.body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const json = await readJson(response);
  if (!response.ok) throw toHttpError(response.status, json);
  return { status: response.status, json: json as T };
}
