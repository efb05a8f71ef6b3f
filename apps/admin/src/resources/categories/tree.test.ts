import type { Category } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { flattenTree } from './tree';

const row = (id: number, parentId: number | null, sortOrder: number, name: string): Category => ({
  id,
  parentId,
  level: 1,
  name,
  path: [name],
  pathIds: [id],
  sortOrder,
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
});

describe('flattenTree', () => {
  it('orders depth first, siblings by sortOrder, with depths', () => {
    const rows = [
      row(3, 1, 2, '洁面'),
      row(1, null, 1, '美妆'),
      row(2, 1, 1, '面膜'),
      row(4, null, 0, '食品'),
    ];
    expect(flattenTree(rows).map((n) => [n.category.name, n.depth])).toEqual([
      ['食品', 0],
      ['美妆', 0],
      ['面膜', 1],
      ['洁面', 1],
    ]);
  });
});
