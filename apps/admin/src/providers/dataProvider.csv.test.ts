import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataProvider } from './dataProvider';

afterEach(() => vi.unstubAllGlobals());

describe('catalog CSV in the data provider', () => {
  it('builds the export URL from the list filter (cleared inputs dropped) and sort', () => {
    const url = dataProvider.exportUrl('products', {
      filter: { q: '小罐茶', status: 'active', categoryId: '' },
      sort: { field: 'createdAt', order: 'DESC' },
    });
    const [path, query] = url.split('?');
    expect(path).toBe('/api/products/export.csv');
    const params = new URLSearchParams(query);
    expect(JSON.parse(params.get('filter') ?? '')).toEqual({ q: '小罐茶', status: 'active' });
    expect(params.get('sort')).toBe('createdAt');
    expect(params.get('order')).toBe('DESC');
    expect(params.has('page')).toBe(false);
  });

  it("turns a refused export into the API's HttpError", async () => {
    const body = { error: { code: 'FORBIDDEN', message: 'no', requestId: 'r1' } };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(body), { status: 403 })),
    );
    await expect(dataProvider.exportCsv('products', {})).rejects.toMatchObject({
      status: 403,
      message: 'siyu.errors.FORBIDDEN',
    });
  });

  it('posts the file text to the import endpoint and reads the job back', async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/import')
        ? new Response(JSON.stringify({ data: { jobId: 7 } }), { status: 202 })
        : new Response(JSON.stringify({ data: { id: 7, status: 'running', done: 50, total: 80 } }), {
            status: 200,
          }),
    );
    vi.stubGlobal('fetch', fetchMock);
    expect(await dataProvider.startStockImport('sku_code,stock\nA-1,3\n')).toEqual({ data: { jobId: 7 } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/stock/import');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ csv: 'sku_code,stock\nA-1,3\n' });
    expect((await dataProvider.getJob(7)).data).toMatchObject({ status: 'running', done: 50 });
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/jobs/7');
  });
});
