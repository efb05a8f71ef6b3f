import { describe, expect, it } from 'vitest';
import { movedOrder } from './imageOrder';

describe('moving an image in the gallery', () => {
  it('swaps it with its neighbour', () => {
    expect(movedOrder([1, 2, 3], 1, -1)).toEqual([2, 1, 3]);
    expect(movedOrder([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
  });

  it('leaves the order as it is past either end', () => {
    expect(movedOrder([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});
