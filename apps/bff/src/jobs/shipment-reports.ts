/** Every 15 s: parcel reports due to the mini-program platform are uploaded (modules/shipment-reports/worker.ts). */
import type { Db } from '../db/connect.js';
import type { ShippingInfoUploader } from '../modules/shipment-reports/uploader.js';
import { runShipmentReports, type ShipmentReportRun } from '../modules/shipment-reports/worker.js';

export function runShipmentReportUploads(
  db: Db,
  uploader: ShippingInfoUploader,
  now: Date,
): Promise<ShipmentReportRun> {
  return runShipmentReports(db, uploader, now);
}
