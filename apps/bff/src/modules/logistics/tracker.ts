/**
 * Where a parcel is, as its carrier tells it. A carrier API (or an aggregator such as 快递100)
 * implements LogisticsTracker; the simulator stands in for them in development and tests.
 */
import type { Carrier, TrackingEvent } from '@siyu/shared';

export type TrackingQuery = {
  carrier: Carrier;
  trackingNo: string;
  shippedAt: Date;
  destination: { province: string; city: string };
};

export interface LogisticsTracker {
  /** Every event the carrier has recorded so far, in any order; none yet is an empty list. */
  track(query: TrackingQuery): Promise<TrackingEvent[]>;
}
