import { describe, expect, it } from 'vitest';
import { datedCsvName, decodeImportFile, importCounts, MAX_IMPORT_BYTES, sizeProblem } from './csvFiles';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('datedCsvName', () => {
  it('names the file by the local day, zero-padded', () => {
    expect(datedCsvName('商品导出', new Date(2026, 10, 23, 23, 59))).toBe('商品导出-2026-11-23.csv');
    expect(datedCsvName('products-export', new Date(2027, 0, 5, 0, 0))).toBe(
      'products-export-2027-01-05.csv',
    );
  });
});

describe('sizeProblem', () => {
  it('accepts up to 1 MB and refuses empty or larger files', () => {
    expect(sizeProblem(1)).toBeUndefined();
    expect(sizeProblem(MAX_IMPORT_BYTES)).toBeUndefined();
    expect(sizeProblem(MAX_IMPORT_BYTES + 1)).toBe('too_large');
    expect(sizeProblem(0)).toBe('empty');
  });
});

describe('decodeImportFile', () => {
  it('reads UTF-8 and drops a BOM', () => {
    expect(decodeImportFile(utf8('\uFEFFsku_code,price\nA-1,9.90\n'))).toEqual({
      text: 'sku_code,price\nA-1,9.90\n',
    });
    expect(decodeImportFile(utf8('sku_code,title\nA-1,纯棉 T 恤\n'))).toEqual({
      text: 'sku_code,title\nA-1,纯棉 T 恤\n',
    });
  });

  it('refuses GBK (Excel\'s "CSV" on Chinese Windows), an empty file and one over 1 MB', () => {
    // "纯棉" in GBK: not valid UTF-8.
    const gbk = new Uint8Array([...utf8('sku_code,title\nA-1,'), 0xb4, 0xbf, 0xc3, 0xde, 0x0a]);
    expect(decodeImportFile(gbk)).toEqual({ problem: 'not_utf8' });
    expect(decodeImportFile(utf8('\uFEFF \n'))).toEqual({ problem: 'empty' });
    expect(decodeImportFile(new Uint8Array(0))).toEqual({ problem: 'empty' });
    expect(decodeImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61))).toEqual({
      problem: 'too_large',
    });
  });
});

describe('importCounts', () => {
  it("reads a job's counts, 0 where absent", () => {
    expect(importCounts({ applied: 2, unchanged: 1, failed: 3 })).toEqual({
      applied: 2,
      unchanged: 1,
      failed: 3,
    });
    expect(importCounts({ applied: 0, failed: 1 })).toEqual({ applied: 0, unchanged: 0, failed: 1 });
    expect(importCounts(null)).toEqual({ applied: 0, unchanged: 0, failed: 0 });
  });
});
