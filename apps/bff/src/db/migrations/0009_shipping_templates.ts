/**
 * Shipping templates (运费模板) and the product's link to one.
 *
 * Layout: a template is read and written whole (the console edits it as one form, a quote
 * reads it as one record), holds at most 34 region rules and three short province lists,
 * and nothing queries inside those lists across templates. So the default rule is plain
 * columns (checked like any money column) and the region rules and province lists are JSONB
 * arrays on the template row, not child tables: no joins, one row lock, one audit image. The
 * money and unit rules are still enforced in SQL, inside the JSON too (jsonb_path_exists);
 * the clash rules between lists (a province in two rules, remote and undeliverable) are the
 * contract's, checked again by the service on the merged record.
 *
 * A product without a template ships free; a template in use cannot be deleted (RESTRICT).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  const provinceList = (column: string) =>
    sql`jsonb_typeof(${sql.ref(column)}) = 'array' and jsonb_array_length(${sql.ref(column)}) <= 34`;
  await db.schema
    .createTable('shipping_templates')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 40`))
    .addColumn('charge_by', 'text', (col) => col.notNull().check(sql`charge_by in ('piece', 'weight')`))
    .addColumn('first_units', 'integer', (col) => col.notNull().check(sql`first_units >= 1`))
    .addColumn('first_fee', 'bigint', (col) => col.notNull().check(sql`first_fee >= 0`))
    .addColumn('additional_units', 'integer', (col) => col.notNull().check(sql`additional_units >= 1`))
    .addColumn('additional_fee', 'bigint', (col) => col.notNull().check(sql`additional_fee >= 0`))
    .addColumn('region_rules', 'jsonb', (col) =>
      col
        .notNull()
        .defaultTo(sql`'[]'::jsonb`)
        .check(
          sql`jsonb_typeof(region_rules) = 'array' and not jsonb_path_exists(region_rules,
            '$[*] ? (@.firstUnits < 1 || @.additionalUnits < 1 || @.firstFee < 0 || @.additionalFee < 0)')`,
        ),
    )
    .addColumn('free_shipping_threshold', 'bigint', (col) => col.check(sql`free_shipping_threshold >= 0`))
    .addColumn('remote_provinces', 'jsonb', (col) =>
      col.notNull().defaultTo(sql`'[]'::jsonb`).check(provinceList('remote_provinces')),
    )
    .addColumn('remote_surcharge', 'bigint', (col) =>
      col.notNull().defaultTo(0).check(sql`remote_surcharge >= 0`),
    )
    .addColumn('undeliverable_provinces', 'jsonb', (col) =>
      col.notNull().defaultTo(sql`'[]'::jsonb`).check(provinceList('undeliverable_provinces')),
    )
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Names are unique, case-insensitively: the product form picks a template by name.
  await sql`create unique index shipping_templates_name_uq on shipping_templates (lower(name))`.execute(db);

  await db.schema
    .alterTable('products')
    .addColumn('shipping_template_id', 'bigint', (col) =>
      col.references('shipping_templates.id').onDelete('restrict'),
    )
    .execute();
  // Products per template (the list's count, the delete check) and the list filter by template.
  await sql`create index products_shipping_template_idx on products (shipping_template_id) where shipping_template_id is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('products').dropColumn('shipping_template_id').execute();
  await db.schema.dropTable('shipping_templates').ifExists().execute();
}
