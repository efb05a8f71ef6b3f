/**
 * The database as Kysely sees it. Column names are camelCase here and snake_case in SQL
 * (Kysely's CamelCasePlugin maps them).
 */
import type {
  AfterSalesReason,
  AfterSalesStatus,
  AfterSalesType,
  Carrier,
  CaseEventKind,
  MovementReason,
  OrderCancelReason,
  OrderStatus,
  ProductStatus,
  ProvinceCode,
  RefundStatus,
  RegionShippingRule,
  ReturnAddress,
  Role,
  ShipmentReportState,
  ShippingAddress,
  ShippingChargeBy,
  ShippingInfoSyncState,
  TrackingStatus,
  VisitEventType,
} from '@siyu/shared';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A timestamp the database fills in when an insert leaves it out (Generated<Timestamp> would nest). */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;
/** A jsonb column read as T and written as its JSON text. */
type JsonOf<T> = ColumnType<T, string, string>;

export interface StaffUsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  role: Role;
  phone: string | null;
  passwordHash: string;
  disabled: Generated<boolean>;
  lockedUntil: Timestamp | null;
  lastLoginAt: Timestamp | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface SessionsTable {
  /** sha256 hex of the cookie token; the token itself is never stored. */
  id: string;
  userId: number;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Timestamp;
}

export interface AuditLogsTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: number | null;
  actorName: string;
  actorRole: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  requestId: string | null;
}

export interface SettingsTable {
  id: string;
  shopName: string;
  timeZone: string;
  orderAutoCloseMinutes: number;
  autoConfirmDays: number;
  refundWindowDays: number;
  csSlaHours: number;
  kpiConversionAlertBp: number;
  kpiRepurchase7dAlertBp: number;
  refundAutoApproveHours: number;
  returnShipDays: number;
  refundApprovalLimit: number;
  bulkApproveMaxAmount: number;
  afterSalesReasons: JsonOf<AfterSalesReason[]>;
  rejectReasonTemplates: JsonOf<string[]>;
  returnAddress: JsonOf<ReturnAddress>;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface JobRunsTable {
  name: string;
  lastStartedAt: Timestamp | null;
  lastResult: Json;
}

export interface CategoriesTable {
  id: Generated<number>;
  parentId: number | null;
  level: number;
  name: string;
  sortOrder: Generated<number>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ProductsTable {
  id: Generated<number>;
  title: string;
  subtitle: string | null;
  categoryId: number;
  brand: string | null;
  descriptionHtml: Generated<string>;
  status: Generated<ProductStatus>;
  rejectReason: string | null;
  specDimensions: JsonOf<{ name: string; values: string[] }[]>;
  /** None: the product ships free. */
  shippingTemplateId: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface SkusTable {
  id: Generated<number>;
  productId: number;
  code: string;
  specValues: JsonOf<string[]>;
  price: number;
  originalPrice: number | null;
  cost: number | null;
  stock: Generated<number>;
  lowStockThreshold: Generated<number>;
  weightGrams: number | null;
  barcode: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ShippingTemplatesTable {
  id: Generated<number>;
  name: string;
  chargeBy: ShippingChargeBy;
  firstUnits: number;
  firstFee: number;
  additionalUnits: number;
  additionalFee: number;
  regionRules: JsonOf<RegionShippingRule[]>;
  freeShippingThreshold: number | null;
  remoteProvinces: JsonOf<ProvinceCode[]>;
  remoteSurcharge: number;
  undeliverableProvinces: JsonOf<ProvinceCode[]>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface InventoryMovementsTable {
  id: Generated<number>;
  skuId: number | null;
  productId: number | null;
  skuCode: string;
  delta: number;
  reason: MovementReason;
  stockAfter: number;
  actorId: number | null;
  actorName: string;
  reference: string | null;
  note: string | null;
  at: Timestamp;
}

export interface ChannelsTable {
  id: Generated<number>;
  key: string;
  name: string;
  /** Plain: the BFF computes the same HMAC as the storefront. Never sent out but once. */
  secret: string;
  enabled: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface IdempotencyKeysTable {
  channelId: number;
  key: string;
  requestHash: string;
  status: 'in_flight' | 'done';
  claimToken: string;
  claimedAt: Timestamp;
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: Timestamp;
}

export interface MembersTable {
  id: Generated<number>;
  channelId: number;
  openid: string;
  nickname: string | null;
  /** Stored whole, masked on the way out. */
  phone: string | null;
  registeredAt: Timestamp;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface VisitEventsTable {
  id: Generated<number>;
  channelId: number;
  memberId: number | null;
  visitorId: string;
  type: VisitEventType;
  productId: number | null;
  skuId: number | null;
  quantity: number | null;
  page: string | null;
  at: Timestamp;
  receivedAt: Timestamp;
}

export interface OrdersTable {
  id: Generated<number>;
  orderNo: string;
  channelId: number;
  memberId: number;
  status: OrderStatus;
  goodsAmount: number;
  discountAmount: Generated<number>;
  shippingFee: number;
  payableAmount: number;
  paidAmount: Generated<number>;
  /** As the buyer sent it, phone whole: masked on the way out. */
  address: JsonOf<ShippingAddress>;
  provinceCode: ProvinceCode;
  buyerNote: Generated<string>;
  cancelReason: OrderCancelReason | null;
  payDeadline: Timestamp;
  paidAt: Timestamp | null;
  shippedAt: Timestamp | null;
  completedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  closedAt: Timestamp | null;
  /** Whether the order's parcels have all been reported to the platform (see shipmentReports). */
  shippingInfoSync: Generated<ShippingInfoSyncState>;
  /** Paid back (the gateway said so), and at the gateway now: together never above paidAmount. */
  refundedAmount: Generated<number>;
  refundingAmount: Generated<number>;
  /** Refunds made of this payment (WeChat Pay allows 50). */
  refundCount: Generated<number>;
  /** After-sales cases not yet final: > 0 is the list's "has open refund". */
  openAfterSales: Generated<number>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

/** Kept by triggers on orders: a status's count is the sum over its slots (migration 0014). */
export interface OrderStatusCountsTable {
  status: OrderStatus;
  slot: number;
  orders: ColumnType<string | number, never, never>;
}

export interface OrderItemsTable {
  id: Generated<number>;
  orderId: number;
  skuId: number | null;
  productId: number | null;
  skuCode: string;
  title: string;
  specValues: JsonOf<string[]>;
  unitPrice: number;
  quantity: number;
  lineAmount: number;
  shippedQuantity: Generated<number>;
  /** Units in after-sales cases that are open or refunded (never above quantity). */
  afterSalesQuantity: Generated<number>;
  /** What those units may refund, reserved against the line's paid share. */
  afterSalesAmount: Generated<number>;
  /** Units that will not ship: refunded before shipping (stock released). */
  cancelledQuantity: Generated<number>;
}

export interface PaymentsTable {
  id: Generated<number>;
  orderId: number;
  channelId: number;
  transactionId: string;
  amount: number;
  paidAt: Timestamp;
  createdAt: CreatedAt;
}

export interface ShipmentsTable {
  id: Generated<number>;
  orderId: number;
  carrier: Carrier;
  trackingNo: string;
  shippedAt: Timestamp;
  shippedBy: number | null;
  trackingStatus: Generated<TrackingStatus>;
  trackingCheckedAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface ShipmentItemsTable {
  shipmentId: number;
  orderItemId: number;
  quantity: number;
}

export interface ShipmentTrackingEventsTable {
  id: Generated<number>;
  shipmentId: number;
  at: Timestamp;
  status: TrackingStatus;
  description: string;
  location: Generated<string>;
}

/** The durable queue of parcel reports to the mini-program platform (发货信息录入). */
export interface ShipmentReportsTable {
  shipmentId: number;
  orderId: number;
  state: Generated<ShipmentReportState>;
  attempts: Generated<number>;
  nextAttemptAt: DefaultedTimestamp;
  leaseUntil: Timestamp | null;
  lastError: string | null;
  syncedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface OrderNotesTable {
  id: Generated<number>;
  orderId: number;
  authorId: number | null;
  body: string;
  createdAt: CreatedAt;
}

export interface AfterSalesCasesTable {
  id: Generated<number>;
  caseNo: string;
  orderId: number;
  memberId: number;
  channelId: number;
  type: AfterSalesType;
  status: AfterSalesStatus;
  source: 'channel' | 'staff';
  createdBy: number | null;
  reasonCode: string;
  reasonLabel: string;
  noReason: Generated<boolean>;
  description: Generated<string>;
  photos: JsonOf<string[]>;
  refundLimit: number;
  requestedAmount: number;
  approvedAmount: number | null;
  includesShipping: Generated<boolean>;
  assigneeId: number | null;
  approvalStage: Generated<'none' | 'admin'>;
  firstApprovedBy: number | null;
  firstApprovedAt: Timestamp | null;
  approvedBy: number | null;
  approvedAt: Timestamp | null;
  rejectReason: string | null;
  returnAddress: JsonOf<ReturnAddress> | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnShippedAt: Timestamp | null;
  returnDueAt: Timestamp | null;
  receivedAt: Timestamp | null;
  autoApproveAt: Timestamp | null;
  /** Set while CS must act (the queue's order and the badge); null while waiting on others. */
  slaDueAt: Timestamp | null;
  closedAt: Timestamp | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface AfterSalesItemsTable {
  id: Generated<number>;
  caseId: number;
  orderItemId: number;
  quantity: number;
  refundCap: number;
  sellableQuantity: number | null;
  damagedQuantity: number | null;
}

export interface AfterSalesEventsTable {
  id: Generated<number>;
  caseId: number;
  at: Timestamp;
  kind: CaseEventKind;
  actorKind: 'staff' | 'customer' | 'gateway' | 'system';
  actorId: number | null;
  actorName: string | null;
  status: AfterSalesStatus | null;
  detail: JsonOf<Record<string, unknown>>;
}

export interface RefundsTable {
  id: Generated<number>;
  outRefundNo: string;
  caseId: number;
  orderId: number;
  amount: number;
  status: Generated<RefundStatus>;
  dispatchState: Generated<'pending' | 'sent'>;
  nextDispatchAt: DefaultedTimestamp;
  dispatchLeaseUntil: Timestamp | null;
  attempts: Generated<number>;
  gatewayRefundId: string | null;
  failureReason: string | null;
  requestedAt: Timestamp;
  succeededAt: Timestamp | null;
  failedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface Database {
  staffUsers: StaffUsersTable;
  channels: ChannelsTable;
  idempotencyKeys: IdempotencyKeysTable;
  members: MembersTable;
  visitEvents: VisitEventsTable;
  sessions: SessionsTable;
  loginFailures: LoginFailuresTable;
  auditLogs: AuditLogsTable;
  settings: SettingsTable;
  jobRuns: JobRunsTable;
  categories: CategoriesTable;
  products: ProductsTable;
  skus: SkusTable;
  inventoryMovements: InventoryMovementsTable;
  shippingTemplates: ShippingTemplatesTable;
  orders: OrdersTable;
  orderStatusCounts: OrderStatusCountsTable;
  orderItems: OrderItemsTable;
  payments: PaymentsTable;
  shipments: ShipmentsTable;
  shipmentItems: ShipmentItemsTable;
  shipmentTrackingEvents: ShipmentTrackingEventsTable;
  shipmentReports: ShipmentReportsTable;
  orderNotes: OrderNotesTable;
  afterSalesCases: AfterSalesCasesTable;
  afterSalesItems: AfterSalesItemsTable;
  afterSalesEvents: AfterSalesEventsTable;
  refunds: RefundsTable;
}

export type StaffUserRow = Selectable<StaffUsersTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewStaffUserRow = Insertable<StaffUsersTable>;
export type StaffUserRowUpdate = Updateable<StaffUsersTable>;
export type SettingsRow = Selectable<SettingsTable>;
export type AuditLogRow = Selectable<AuditLogsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type ProductRow = Selectable<ProductsTable>;
export type SkuRow = Selectable<SkusTable>;
export type InventoryMovementRow = Selectable<InventoryMovementsTable>;
export type ShippingTemplateRow = Selectable<ShippingTemplatesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type ShipmentRow = Selectable<ShipmentsTable>;
export type ShipmentReportRow = Selectable<ShipmentReportsTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type AfterSalesCaseRow = Selectable<AfterSalesCasesTable>;
export type AfterSalesItemRow = Selectable<AfterSalesItemsTable>;
export type RefundRow = Selectable<RefundsTable>;
