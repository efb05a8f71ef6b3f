/**
 * New products from the product import. A row whose sku_code no SKU has and whose product_id
 * is empty describes a SKU of a new product; such rows with the same title and category form
 * one product, wherever they stand in the file. Before the rows are applied, each group is
 * checked whole (cells, specs named alike on every row, SKU codes used once in the file, the
 * category) and turned into a ProductCreate; when the import reaches the group's first row,
 * the product is created through createProduct (its validation, the grid rule, opening stock
 * and audit, one transaction), so a group is created whole or not at all, and a group that
 * fails reports an error on each of its lines.
 *
 * Running the same job again (jobs/runner.ts) creates nothing twice: the created SKUs exist
 * by then, so their rows are updates that change nothing.
 */
import { NewProductRow, ProductCreate, splitCategoryPath, unguardCell } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { createProduct, takenCodes } from '../products/service.js';
import { categoryFinder } from './category-paths.js';
import type { CsvTable } from './csv.js';
import { RowError, type RowOutcome } from './import-rows.js';

type LineError = { column: string | null; message: string };

type Group = {
  title: string;
  lines: number[];
  input?: ProductCreate;
  /** Set once the group is known to fail: each line's error. */
  errors?: Map<number, LineError>;
  created?: boolean;
};

const columnOfSkuField: Record<string, string> = {
  specValues: 'specs',
  code: 'sku_code',
  price: 'price',
  originalPrice: 'original_price',
  cost: 'cost',
  stock: 'stock',
  lowStockThreshold: 'low_stock_threshold',
  barcode: 'barcode',
};
const columnOfProductField: Record<string, string> = {
  title: 'title',
  subtitle: 'subtitle',
  categoryId: 'category',
  specDimensions: 'specs',
  skus: 'specs',
};

const cellOf = (cells: Record<string, string>, column: string) => (cells[column] ?? '').trim();
const codeKey = (cells: Record<string, string>) => cellOf(cells, 'sku_code').toLowerCase();

/** Fails the group: lines without an error of their own point at the product's problem. */
function fail(group: Group, own: Map<number, LineError>, whole?: LineError) {
  const firstBad = [...own.keys()].sort((a, b) => a - b)[0];
  const others: LineError = whole ?? {
    column: null,
    message: `The product "${group.title}" (lines ${group.lines.join(', ')}) was not created: see line ${firstBad}.`,
  };
  group.errors = new Map(group.lines.map((line) => [line, own.get(line) ?? others]));
}

/** Where a ProductCreate issue or service field (skus.1.price, title, skus) belongs in the file. */
function placeField(
  group: Group,
  path: readonly PropertyKey[],
  message: string,
  own: Map<number, LineError>,
) {
  const [head, index, field] = path;
  if (head === 'skus' && typeof index === 'number') {
    const line = group.lines[index];
    if (line !== undefined && !own.has(line))
      own.set(line, { column: columnOfSkuField[String(field)] ?? null, message });
    return undefined;
  }
  return { column: columnOfProductField[String(head)] ?? null, message };
}

export type NewProducts = {
  /** Creates the line's product when first reached; undefined for a line that is not a new product's. */
  apply(line: number, ctx: AuditContext): Promise<RowOutcome> | undefined;
  created(): number;
};

export async function planNewProducts(db: Db, table: CsvTable): Promise<NewProducts> {
  const groupOfLine = new Map<number, Group>();
  let created = 0;
  const plan: NewProducts = {
    apply: (line, ctx) => {
      const group = groupOfLine.get(line);
      return group ? applyGroup(group, line, ctx) : undefined;
    },
    created: () => created,
  };
  // Without a category column no row can describe a new product (unknown codes stay errors).
  if (!table.header.includes('category')) return plan;

  const candidates = table.rows.filter(({ cells }) => cellOf(cells, 'product_id') === '');
  const codes = [...new Set(candidates.map(({ cells }) => codeKey(cells)).filter((c) => c !== ''))];
  const existing = new Set<string>();
  for (let at = 0; at < codes.length; at += 1000)
    for (const code of await takenCodes(db, codes.slice(at, at + 1000))) existing.add(code);
  const fresh = candidates.filter(({ cells }) => !existing.has(codeKey(cells)));
  if (fresh.length === 0) return plan;

  // A code written twice in the file makes every new product using it fail.
  const linesOfCode = new Map<string, number[]>();
  for (const { line, cells } of table.rows)
    linesOfCode.set(codeKey(cells), [...(linesOfCode.get(codeKey(cells)) ?? []), line]);

  const groups = new Map<string, { group: Group; rows: typeof fresh }>();
  for (const row of fresh) {
    const title = unguardCell(row.cells.title ?? '').trim();
    const category = splitCategoryPath(unguardCell(row.cells.category ?? ''))
      .join('›')
      .toLowerCase();
    const key = JSON.stringify([title, category]);
    const entry = groups.get(key) ?? { group: { title, lines: [] }, rows: [] };
    entry.group.lines.push(row.line);
    entry.rows.push(row);
    groups.set(key, entry);
    groupOfLine.set(row.line, entry.group);
  }

  const findCategory = await categoryFinder(db);
  for (const { group, rows } of groups.values()) {
    const own = new Map<number, LineError>();
    const parsed: NewProductRow[] = [];
    for (const { line, cells } of rows) {
      const result = NewProductRow.safeParse(cells);
      const twice = linesOfCode.get(codeKey(cells))?.filter((other) => other !== line) ?? [];
      if (!result.success) {
        const issue = result.error.issues[0];
        own.set(line, {
          column: issue?.path[0] ? String(issue.path[0]) : null,
          message: issue?.message ?? '',
        });
      } else if (twice.length > 0 && codeKey(cells) !== '') {
        own.set(line, {
          column: 'sku_code',
          message: `the SKU code "${result.data.sku_code}" is also on line ${twice.join(', ')}`,
        });
      } else parsed.push(result.data);
    }
    if (own.size > 0) {
      fail(group, own);
      continue;
    }
    const [first] = parsed;
    if (!first) continue;
    let categoryId: number;
    try {
      categoryId = findCategory(first.category);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      fail(group, own, { column: error.column, message: error.message });
      continue;
    }
    // Every row names the same dimensions, in the first row's order; values keep their first order.
    const names = first.specs.map((spec) => spec.name);
    const values = names.map(() => [] as string[]);
    parsed.forEach((row, i) => {
      const line = group.lines[i] as number;
      const rowNames = row.specs.map((spec) => spec.name);
      if (rowNames.join('\u0000') !== names.join('\u0000')) {
        own.set(line, {
          column: 'specs',
          message: names.length
            ? `name the specs ${names.join(', ')} in this order, as line ${group.lines[0]} does`
            : `line ${group.lines[0]} has no specs, so this product has one SKU`,
        });
        return;
      }
      row.specs.forEach((spec, d) => {
        if (!values[d]?.includes(spec.value)) values[d]?.push(spec.value);
      });
    });
    if (own.size > 0) {
      fail(group, own);
      continue;
    }
    const input = ProductCreate.safeParse({
      title: first.title,
      subtitle: parsed.find((row) => row.subtitle)?.subtitle ?? null,
      categoryId,
      specDimensions: names.map((name, d) => ({ name, values: values[d] })),
      skus: parsed.map((row) => ({
        specValues: row.specs.map((spec) => spec.value),
        code: row.sku_code,
        price: row.price,
        originalPrice: row.original_price ?? null,
        cost: row.cost ?? null,
        stock: row.stock,
        lowStockThreshold: row.low_stock_threshold,
        barcode: row.barcode ?? null,
      })),
    });
    if (!input.success) {
      let whole: LineError | undefined;
      for (const issue of input.error.issues) whole ??= placeField(group, issue.path, issue.message, own);
      fail(group, own, whole);
      continue;
    }
    group.input = input.data;
  }

  async function applyGroup(group: Group, line: number, ctx: AuditContext): Promise<RowOutcome> {
    if (group.input && !group.errors && !group.created) {
      try {
        await createProduct(db, group.input, ctx);
        group.created = true;
        created++;
      } catch (error) {
        if (!(error instanceof AppError)) {
          // Logged with this line by the import loop; the group's other lines say so too.
          fail(group, new Map(), {
            column: null,
            message: `The product "${group.title}" could not be created (unexpected error).`,
          });
          throw error;
        }
        const own = new Map<number, LineError>();
        let whole: LineError | undefined;
        for (const [field, message] of Object.entries(error.fields ?? {}))
          whole ??= placeField(
            group,
            field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            `${error.message} (${message})`,
            own,
          );
        fail(group, own, whole ?? (own.size > 0 ? undefined : { column: null, message: error.message }));
      }
    }
    const error = group.errors?.get(line);
    if (error) throw new RowError(error.column, error.message);
    return 'applied';
  }

  return plan;
}
