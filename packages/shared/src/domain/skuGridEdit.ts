/**
 * What a product's SKU grid becomes after an edit: the final dimensions, the SKUs it keeps
 * (with their possibly moved spec values) and the ones it adds — and whether those are
 * exactly the grid of the final dimensions. Problems are keyed by the edit's input paths
 * (`skus.<i>.specValues`, `addSkus.<j>.specValues`, `addSkus`, `specDimensions`).
 */
import { type GridDimension, skuGridProblems } from './skuGrid.js';

export type GridSku = { id: number; code: string; specValues: readonly string[] };

export type GridEdit = {
  specDimensions?: readonly GridDimension[] | undefined;
  skus?: readonly { id: number; specValues?: readonly string[] | undefined }[] | undefined;
  removeSkuIds?: readonly number[] | undefined;
  addSkus?: readonly { specValues: readonly string[] }[] | undefined;
};

export type EditedGrid = {
  dimensions: readonly GridDimension[];
  /** Kept SKUs (by id) then added ones (by their index in addSkus), each with its final values. */
  skus: (
    | { id: number; specValues: readonly string[] }
    | { addIndex: number; specValues: readonly string[] }
  )[];
  problems: Record<string, string>;
};

/** Whether the edit can change which cells the product's SKUs occupy. */
export function touchesGrid(edit: GridEdit): boolean {
  return (
    edit.specDimensions !== undefined ||
    (edit.addSkus?.length ?? 0) > 0 ||
    (edit.removeSkuIds?.length ?? 0) > 0 ||
    (edit.skus ?? []).some((s) => s.specValues !== undefined)
  );
}

export function editedGrid(
  current: { specDimensions: readonly GridDimension[]; skus: readonly GridSku[] },
  edit: GridEdit,
): EditedGrid {
  const dimensions = edit.specDimensions ?? current.specDimensions;
  const removed = new Set(edit.removeSkuIds ?? []);
  const moveIndex = new Map<number, number>();
  edit.skus?.forEach((s, i) => {
    if (s.specValues !== undefined) moveIndex.set(s.id, i);
  });
  const kept = current.skus.filter((sku) => !removed.has(sku.id));
  const skus: EditedGrid['skus'] = [
    ...kept.map((sku) => {
      const i = moveIndex.get(sku.id);
      return {
        id: sku.id,
        specValues: (i === undefined ? undefined : edit.skus?.[i]?.specValues) ?? sku.specValues,
      };
    }),
    ...(edit.addSkus ?? []).map((sku, addIndex) => ({ addIndex, specValues: sku.specValues })),
  ];

  const problems: Record<string, string> = {};
  const stranded: string[] = [];
  for (const [path, message] of Object.entries(skuGridProblems(dimensions, skus))) {
    const k = /^skus\.(\d+)\.specValues$/.exec(path)?.[1];
    if (k === undefined) {
      problems.addSkus = message;
      continue;
    }
    const sku = skus[Number(k)];
    if (!sku) continue;
    if ('addIndex' in sku) {
      problems[`addSkus.${sku.addIndex}.specValues`] = message;
      continue;
    }
    const i = moveIndex.get(sku.id);
    if (i !== undefined) {
      problems[`skus.${i}.specValues`] = message;
      continue;
    }
    // A SKU the edit did not mention no longer fits: the dimensions are what changed.
    const code = current.skus.find((s) => s.id === sku.id)?.code ?? String(sku.id);
    stranded.push(`${code} (${sku.specValues.join('/') || '—'})`);
  }
  if (stranded.length > 0) {
    problems.specDimensions = `${stranded.join(', ')} would not fit the new specs: remove them or give them new spec values`;
  }
  return { dimensions, skus, problems };
}
