/** The static list of migrations, in order: a bundle cannot scan a folder. */
import type { Migration } from 'kysely/migration';
import * as initial from './0001_initial.js';
import * as catalog from './0002_catalog.js';
import * as productImages from './0003_product_images.js';
import * as jobs from './0004_jobs.js';
import * as productFigures from './0005_product_figures.js';
import * as jobLease from './0006_job_lease.js';
import * as openingStock from './0007_opening_stock.js';
import * as channelsMembers from './0008_channels_members.js';
import * as shippingTemplates from './0009_shipping_templates.js';
import * as productListSpeed from './0010_product_list_speed.js';
import * as orders from './0011_orders.js';
import * as orderList from './0012_order_list.js';
import * as fulfilment from './0013_fulfilment.js';
import * as orderStatusCounts from './0014_order_status_counts.js';
import * as afterSales from './0015_after_sales.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_catalog': catalog,
  '0003_product_images': productImages,
  '0004_jobs': jobs,
  '0005_product_figures': productFigures,
  '0006_job_lease': jobLease,
  '0007_opening_stock': openingStock,
  '0008_channels_members': channelsMembers,
  '0009_shipping_templates': shippingTemplates,
  '0010_product_list_speed': productListSpeed,
  '0011_orders': orders,
  '0012_order_list': orderList,
  '0013_fulfilment': fulfilment,
  '0014_order_status_counts': orderStatusCounts,
  '0015_after_sales': afterSales,
};
