/**
 * Spec dimensions (颜色 × 尺码) generate the SKU grid: one SKU per combination of values,
 * in dimension order. A product without dimensions has exactly one SKU with no values.
 */
export type GridDimension = { name: string; values: string[] };

export function specCombinations(dimensions: readonly GridDimension[]): string[][] {
  return dimensions.reduce<string[][]>(
    (combos, dimension) => combos.flatMap((combo) => dimension.values.map((value) => [...combo, value])),
    [[]],
  );
}

const keyOf = (values: readonly string[]) => JSON.stringify(values);

/**
 * Checks that `skus` cover the grid exactly once each. Returns input path → message
 * (paths relative to the product input); empty when the SKUs match the grid.
 */
export function skuGridProblems(
  dimensions: readonly GridDimension[],
  skus: readonly { specValues: readonly string[] }[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  const expected = new Set(specCombinations(dimensions).map(keyOf));
  const seen = new Set<string>();
  skus.forEach((sku, i) => {
    const key = keyOf(sku.specValues);
    if (!expected.has(key)) problems[`skus.${i}.specValues`] = 'not a combination of the spec dimensions';
    else if (seen.has(key)) problems[`skus.${i}.specValues`] = 'this combination appears twice';
    seen.add(key);
  });
  const missing = [...expected].filter((key) => !seen.has(key));
  if (missing.length > 0)
    problems.skus = `missing SKUs for ${missing.map((k) => (JSON.parse(k) as string[]).join('/')).join(', ')}`;
  return problems;
}
