import { afterEach, describe, expect, it, vi } from 'vitest';
import { changedFields } from './changes';
import { dataProvider, listQueryString } from './dataProvider';

function mockFetch(status: number, payload: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(payload === undefined ? null : JSON.stringify(payload), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('changedFields', () => {
  const previous = {
    id: 3,
    username: 'li',
    displayName: '李雷',
    role: 'operator',
    phone: '138****1234',
    disabled: false,
    version: 4,
    createdAt: '2026-01-01T00:00:00Z',
  };

  it('keeps only changed, editable fields', () => {
    const data = { ...previous, displayName: '李雷雷', version: 9, username: 'hacker', createdAt: 'x' };
    expect(changedFields('staff-users', data, previous)).toEqual({ displayName: '李雷雷' });
  });

  it('sends nothing when nothing changed', () => {
    expect(changedFields('staff-users', { ...previous }, previous)).toEqual({});
  });

  it('strips server-owned fields for resources without a known update schema', () => {
    expect(
      changedFields('other', { id: 1, version: 2, name: 'b', updatedAt: 'y' }, { id: 1, name: 'a' }),
    ).toEqual({
      name: 'b',
    });
  });
});

describe('dataProvider', () => {
  it('builds the list query of the contract', () => {
    const qs = listQueryString({
      pagination: { page: 2, perPage: 25 },
      sort: { field: 'createdAt', order: 'ASC' },
      filter: { q: '李', role: '', disabled: false, phone: null },
    });
    const params = new URLSearchParams(qs);
    expect(params.get('page')).toBe('2');
    expect(params.get('perPage')).toBe('25');
    expect(params.get('sort')).toBe('createdAt');
    expect(params.get('order')).toBe('ASC');
    expect(JSON.parse(params.get('filter') ?? '')).toEqual({ q: '李', disabled: false });
  });

  it('PATCHes the diff with If-Match and a JSON content type', async () => {
    const fetchMock = mockFetch(200, { data: { id: 'shop', shopName: 'B', version: 8 } });
    const result = await dataProvider.update('settings', {
      id: 'shop',
      data: { id: 'shop', shopName: 'B', csSlaHours: 24, version: 7 },
      previousData: { id: 'shop', shopName: 'A', csSlaHours: 24, version: 7 },
    });
    expect(result.data.version).toBe(8);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/settings/shop');
    expect(init?.method).toBe('PATCH');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'If-Match': '7', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual({ shopName: 'B' });
  });

  it('rejects a 409 with the conflict message', async () => {
    mockFetch(409, { error: { code: 'VERSION_CONFLICT', message: 'changed', requestId: 'r' } });
    await expect(
      dataProvider.update('settings', {
        id: 'shop',
        data: { shopName: 'C' },
        previousData: { id: 'shop', shopName: 'A', version: 1 },
      }),
    ).rejects.toMatchObject({ status: 409, message: 'siyu.errors.VERSION_CONFLICT' });
  });

  it('reads lists and totals', async () => {
    const fetchMock = mockFetch(200, { data: [{ id: 1 }], total: 41 });
    const result = await dataProvider.getList('audit-logs', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'at', order: 'DESC' },
      filter: {},
    });
    expect(result).toEqual({ data: [{ id: 1 }], total: 41 });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/audit-logs?page=1&perPage=25&sort=at&order=DESC');
  });
});
