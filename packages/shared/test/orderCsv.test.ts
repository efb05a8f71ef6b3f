import { describe, expect, it } from 'vitest';
import { BulkShipRow, bulkShipColumns, formatOrderItems, orderCsvColumns } from '../src/index.js';

const issuesOf = (cells: Record<string, string>) => {
  const parsed = BulkShipRow.safeParse(cells);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ column: i.path[0], message: i.message }));
};

describe('order CSV', () => {
  it('exports English header keys, masked personal data among them', () => {
    expect(orderCsvColumns[0]).toBe('order_no');
    expect(orderCsvColumns).toContain('buyer_phone');
    expect(orderCsvColumns).toContain('tracking_nos');
    expect(new Set(orderCsvColumns).size).toBe(orderCsvColumns.length);
    expect(bulkShipColumns).toEqual(['order_no', 'carrier', 'tracking_no']);
  });

  it('writes an order’s lines as code×units', () => {
    expect(
      formatOrderItems([
        { skuCode: 'TEE-RED-S', quantity: 2 },
        { skuCode: 'MUG-1', quantity: 1 },
      ]),
    ).toBe('TEE-RED-S×2; MUG-1×1');
    expect(formatOrderItems([])).toBe('');
  });
});

describe('bulk-ship row', () => {
  it('resolves the carrier by code or name and normalises the tracking number', () => {
    expect(
      BulkShipRow.parse({
        order_no: ' 20260512048213377519 ',
        carrier: '顺丰',
        tracking_no: 'sf 1234567890123',
      }),
    ).toEqual({ order_no: '20260512048213377519', carrier: 'SF', tracking_no: 'SF1234567890123' });
    expect(
      BulkShipRow.parse({ order_no: '20260512048213377519', carrier: 'zto', tracking_no: '75312345678901' })
        .carrier,
    ).toBe('ZTO');
  });

  it('names the cell at fault', () => {
    expect(issuesOf({ order_no: '20260512048213377519', carrier: '火星快递', tracking_no: 'X1' })).toEqual([
      { column: 'carrier', message: expect.stringContaining('火星快递') },
    ]);
    expect(
      issuesOf({ order_no: '20260512048213377519', carrier: 'SF', tracking_no: '75312345678901' }),
    ).toEqual([{ column: 'tracking_no', message: expect.stringContaining('SF Express') }]);
    expect(issuesOf({ order_no: '', carrier: 'SF', tracking_no: 'SF1234567890123' })).toMatchObject([
      { column: 'order_no' },
    ]);
    expect(issuesOf({ order_no: 'x;drop', carrier: 'SF', tracking_no: 'SF1234567890123' })).toMatchObject([
      { column: 'order_no' },
    ]);
    expect(issuesOf({ order_no: '20260512048213377519', carrier: 'SF', tracking_no: '  ' })).toEqual([
      { column: 'tracking_no', message: 'cannot be empty' },
    ]);
  });
});
