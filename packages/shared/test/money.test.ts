import { describe, expect, it } from 'vitest';
import { formatFen, isFen, parseYuan, sumFen } from '../src/domain/money.js';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [10, '¥0.10'],
    [100, '¥1.00'],
    [12345, '¥123.45'],
    [123456789, '¥1,234,567.89'],
    [-500, '-¥5.00'],
    [-1, '-¥0.01'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('can leave out the currency symbol', () => {
    expect(formatFen(12345, { symbol: false })).toBe('123.45');
    expect(formatFen(-12345, { symbol: false })).toBe('-123.45');
  });

  it.each([1.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses %s, which is not an amount in fen',
    (value) => {
      expect(() => formatFen(value)).toThrow(TypeError);
    },
  );

  it('refuses non-numbers', () => {
    expect(() => formatFen('100' as unknown as number)).toThrow(TypeError);
    expect(() => formatFen(null as unknown as number)).toThrow(TypeError);
    expect(() => formatFen(100n as unknown as number)).toThrow(TypeError);
  });
});

describe('parseYuan', () => {
  it.each([
    ['123.45', 12345],
    ['12', 1200],
    ['12.5', 1250],
    ['0.01', 1],
    ['0.1', 10],
    // 0.29 * 100 is 28.999999999999996 in floating point: the parser must not multiply floats.
    ['0.29', 29],
    ['1.13', 113],
    ['¥1,234.5', 123450],
    ['¥0.99', 99],
    ['  8.00 ', 800],
    ['-5', -500],
    ['-0.35', -35],
    ['1234567890123', 123456789012300],
  ])('%j → %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '',
    '   ',
    '¥',
    'abc',
    '12abc',
    '1.234',
    '12.',
    '.5',
    '1e3',
    '0x10',
    '+5',
    '--5',
    '5-',
    'NaN',
    'Infinity',
    '１２',
    '1 000',
    '12345678901234',
    '$12',
    '12元',
    '1; drop table orders; --',
    '<script>alert(1)</script>',
  ])('%j is not an amount → undefined', (text) => {
    expect(parseYuan(text)).toBeUndefined();
  });

  it('refuses commas that are not thousands separators', () => {
    expect(parseYuan('1,2,3')).toBeUndefined();
    expect(parseYuan('12,34.00')).toBeUndefined();
    expect(parseYuan('1,234.00')).toBe(123400);
  });

  it('never answers negative zero', () => {
    expect(Object.is(parseYuan('-0'), 0)).toBe(true);
  });

  it('round-trips with formatFen, negatives included', () => {
    for (const fen of [0, 1, 99, 100, 12345, 100000000, -4321, -1]) {
      expect(parseYuan(formatFen(fen))).toBe(fen);
    }
  });
});

describe('sumFen', () => {
  it('adds integer amounts', () => {
    expect(sumFen([100, 250, 1])).toBe(351);
    expect(sumFen([1000, -300])).toBe(700);
    expect(sumFen([])).toBe(0);
  });

  it.each([[[100, 1.5]], [[0.1, 0.2]], [[Number.NaN]], [[Number.POSITIVE_INFINITY]]])(
    'refuses floats and non-finite values: %j',
    (amounts) => {
      expect(() => sumFen(amounts)).toThrow(TypeError);
    },
  );

  it('refuses strings and bigints', () => {
    expect(() => sumFen(['100'] as unknown as number[])).toThrow(TypeError);
    expect(() => sumFen([100n] as unknown as number[])).toThrow(TypeError);
  });

  it('refuses a total beyond the safe integer range', () => {
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('isFen', () => {
  it('accepts safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-100)).toBe(true);
    expect(isFen(1.5)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER + 2)).toBe(false);
    expect(isFen(undefined)).toBe(false);
  });
});
