import { describe, expect, it } from 'vitest';
import { toFen, validateYuan, yuanText } from './money';

describe('yuan inputs', () => {
  it('shows fen as plain yuan', () => {
    expect(yuanText(123450)).toBe('1234.50');
    expect(yuanText('12.3')).toBe('12.3');
    expect(yuanText(undefined)).toBe('');
  });
  it('turns typed yuan into fen', () => {
    expect(toFen('12.3')).toBe(1230);
    expect(toFen(99)).toBe(99);
    expect(toFen('')).toBeUndefined();
    expect(toFen('-1')).toBeUndefined();
    expect(toFen('1.234')).toBeUndefined();
  });
  it('validates', () => {
    expect(validateYuan('abc')).toBe('resources.products.validation.yuan');
    expect(validateYuan('')).toBeUndefined();
    expect(validateYuan('0.5')).toBeUndefined();
  });
});
