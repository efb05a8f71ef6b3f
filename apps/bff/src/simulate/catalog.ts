/**
 * What the simulated storefront can sell. The channel API has no catalog read (the real
 * mini-program has its own product feed), so the simulator reads the products on sale through
 * the back-office API as a read-only staff account — the demo manager by default — rather
 * than guessing row ids or reading the database behind the BFF's back.
 */
import type { Product, ProductDetail } from '@siyu/shared';

export type SellableSku = { productId: number; skuId: number; price: number; stock: number };

export async function sellableSkus(
  baseUrl: string,
  staff: { username: string; password: string },
  limit = 40,
): Promise<SellableSku[]> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify(staff),
  }).catch(() => {
    throw new Error(`cannot reach ${baseUrl}: is the BFF running (npm start)?`);
  });
  if (!login.ok) throw new Error(`cannot log in as ${staff.username} to read the catalog: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const query = new URLSearchParams({
    perPage: String(limit),
    sort: 'id',
    order: 'ASC',
    filter: JSON.stringify({ status: 'active' }),
  });
  const response = await fetch(`${baseUrl}/api/products?${query}`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`cannot read the products on sale: ${response.status}`);
  const { data } = (await response.json()) as { data: Product[] };
  // The list has price ranges; the SKUs come with each product's record.
  const details = await Promise.all(
    data.map(async (p) => {
      const one = await fetch(`${baseUrl}/api/products/${p.id}`, { headers: { Cookie: cookie } });
      if (!one.ok) throw new Error(`cannot read product ${p.id}: ${one.status}`);
      return ((await one.json()) as { data: ProductDetail }).data;
    }),
  );
  await fetch(`${baseUrl}/api/auth/logout`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: baseUrl, 'Content-Type': 'application/json' },
    body: '{}',
  }).catch(() => undefined);
  return details.flatMap((p) =>
    p.skus
      .filter((s) => s.stock > 0)
      .map((s) => ({ productId: p.id, skuId: s.id, price: s.price, stock: s.stock })),
  );
}
