import { MAX_IMAGE_BYTES } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../src/lib/png.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '图片测试')).id;
});
afterAll(() => t.close());

const png = encodePng(8, 6, (x) => (x < 4 ? [255, 0, 0] : [0, 0, 255]));
const upload = (productId: number, body: Record<string, unknown>, cookie = operator) =>
  post(t, cookie, `/api/products/${productId}/images`, {
    filename: 'main.png',
    contentType: 'image/png',
    dataBase64: png.toString('base64'),
    ...body,
  });

describe('product images', () => {
  it('stores a real PNG, lists it, serves it with cache headers, deletes it (audited)', async () => {
    const product = await createProduct(t, operator, categoryId);
    const res = await upload(product.id, {});
    expect(res.status).toBe(201);
    const image = res.body.data;
    expect(image).toMatchObject({
      productId: product.id,
      contentType: 'image/png',
      bytes: png.length,
      width: 8,
    });
    expect(image.height).toBe(6);
    expect(image.key).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(image.url).toBe(`/api/files/${image.key}`);

    const list = await t.request(`/api/products/${product.id}/images`, { cookie: operator });
    expect(list.body.data.map((i: { id: number }) => i.id)).toEqual([image.id]);

    // Files are public (unguessable keys): no cookie needed.
    const file = await t.app.request(`http://localhost${image.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);

    const del = await t.request(`/api/products/${product.id}/images/${image.id}`, {
      method: 'DELETE',
      cookie: operator,
    });
    expect(del.status).toBe(204);
    expect((await t.app.request(`http://localhost${image.url}`)).status).toBe(404);
    const again = await t.request(`/api/products/${product.id}/images/${image.id}`, {
      method: 'DELETE',
      cookie: operator,
    });
    expect(again.status).toBe(404);
    const audit = await t.db
      .selectFrom('auditLogs')
      .select('action')
      .where('resource', '=', 'product_images')
      .where('resourceId', '=', String(image.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('refuses a PNG declared as JPEG, a text file named .png, bad base64 and an oversized file', async () => {
    const product = await createProduct(t, operator, categoryId);
    const wrongType = await upload(product.id, { contentType: 'image/jpeg', filename: 'a.jpg' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields.contentType).toMatch(/image\/png/);

    const text = await upload(product.id, {
      dataBase64: Buffer.from('hello, not an image').toString('base64'),
    });
    expect(text.status).toBe(400);
    expect(text.body.error.fields.dataBase64).toMatch(/PNG, JPEG or WebP/);

    const svg = await upload(product.id, {
      contentType: 'image/svg+xml',
      dataBase64: Buffer.from('<svg onload="alert(1)"/>').toString('base64'),
    });
    expect(svg.status).toBe(400);

    expect((await upload(product.id, { dataBase64: '***' })).status).toBe(400);

    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    png.copy(big);
    const tooLarge = await upload(product.id, { dataBase64: big.toString('base64') });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const list = await t.request(`/api/products/${product.id}/images`, { cookie: operator });
    expect(list.body.data).toEqual([]);
  });

  it('accepts JPEG and WebP by their magic bytes', async () => {
    const product = await createProduct(t, operator, categoryId);
    // SOI, then a SOF0 of 3 × 2 pixels.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 0, 0, 0, 0, 0, 0,
    ]);
    const res = await upload(product.id, { contentType: 'image/jpeg', dataBase64: jpeg.toString('base64') });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ width: 3, height: 2, contentType: 'image/jpeg' });
    const webp = Buffer.concat([Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L', 'latin1'), Buffer.alloc(14)]);
    const res2 = await upload(product.id, { contentType: 'image/webp', dataBase64: webp.toString('base64') });
    expect(res2.status).toBe(201);
    expect(res2.body.data.key).toMatch(/\.webp$/);
  });

  it('keeps nine images at most (422 for the tenth), in upload order', async () => {
    const product = await createProduct(t, operator, categoryId);
    for (let i = 0; i < 9; i++) expect((await upload(product.id, { filename: `${i}.png` })).status).toBe(201);
    const tenth = await upload(product.id, {});
    expect(tenth.status).toBe(422);
    expect(tenth.body.error.code).toBe('BUSINESS_RULE');
    const list = await t.request(`/api/products/${product.id}/images`, { cookie: operator });
    expect(list.body.data.map((i: { sortOrder: number }) => i.sortOrder)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it('lets CS and managers see images but not upload or delete them (403)', async () => {
    const product = await createProduct(t, operator, categoryId);
    const image = (await upload(product.id, {})).body.data;
    for (const role of ['customer_service', 'manager'] as const) {
      const cookie = await t.login(role);
      expect((await upload(product.id, {}, cookie)).status).toBe(403);
      const del = await t.request(`/api/products/${product.id}/images/${image.id}`, {
        method: 'DELETE',
        cookie,
      });
      expect(del.status).toBe(403);
      expect((await t.request(`/api/products/${product.id}/images`, { cookie })).status).toBe(200);
    }
  });

  it('answers 404 for an unknown product, an image of another product, and a malformed file key', async () => {
    const product = await createProduct(t, operator, categoryId);
    const other = await createProduct(t, operator, categoryId);
    const image = (await upload(product.id, {})).body.data;
    expect((await upload(999_999, {})).status).toBe(404);
    const del = await t.request(`/api/products/${other.id}/images/${image.id}`, {
      method: 'DELETE',
      cookie: operator,
    });
    expect(del.status).toBe(404);
    expect((await t.app.request('http://localhost/api/files/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await t.app.request('http://localhost/api/files/0123456789abcdef.png')).status).toBe(404);
  });
});

describe('product images under concurrent uploads', () => {
  it('never lets parallel uploads pass the nine-image limit', async () => {
    const product = await createProduct(t, operator, categoryId);
    for (let i = 0; i < 7; i++) expect((await upload(product.id, {})).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 5 }, () => upload(product.id, {})));
    expect(results.filter((r) => r.status === 201).length).toBe(2);
    expect(results.filter((r) => r.status === 422).length).toBe(3);
    const list = await t.request(`/api/products/${product.id}/images`, { cookie: operator });
    expect(list.body.data.length).toBe(9);
    expect(new Set(list.body.data.map((i: { sortOrder: number }) => i.sortOrder)).size).toBe(9);
  });
});
