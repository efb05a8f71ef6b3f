/**
 * Every 5 min: carriers are asked about parcels not yet delivered, each parcel at most every
 * half hour (the poller's interval; carriers' own scans are hours apart). See modules/logistics/poller.ts.
 */
import type { Db } from '../db/connect.js';
import { runTrackingPoll, type TrackingPollRun } from '../modules/logistics/poller.js';
import type { LogisticsTracker } from '../modules/logistics/tracker.js';

export function runTrackingPollJob(db: Db, tracker: LogisticsTracker, now: Date): Promise<TrackingPollRun> {
  return runTrackingPoll(db, tracker, now);
}
