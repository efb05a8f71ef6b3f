import { describe, expect, it } from 'vitest';
import { basisPointsToPercentText, percentToBasisPoints } from './percent';

describe('percent ↔ basis points', () => {
  it('shows 300 bp as 3 %', () => {
    expect(basisPointsToPercentText(300)).toBe('3');
    expect(basisPointsToPercentText(525)).toBe('5.25');
    expect(basisPointsToPercentText(null)).toBe('');
  });

  it('stores typed percent as integer basis points without float noise', () => {
    expect(percentToBasisPoints(3)).toBe(300);
    expect(percentToBasisPoints('2.99')).toBe(299);
    expect(percentToBasisPoints(0.07)).toBe(7);
    expect(percentToBasisPoints('')).toBeNull();
    expect(percentToBasisPoints('abc')).toBeNull();
  });
});
