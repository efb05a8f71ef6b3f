/**
 * The payment gateway's refund API as the refund flow sees it (WeChat Pay's 申请退款): a refund
 * is asked for once under our out_refund_no, and the gateway answers at once whether it took
 * it; the outcome (paid back or not) arrives later as a signed notification to
 * POST /api/channel/refunds/notify. The real client and the simulator both implement this;
 * nothing else in the flow may know which one it talks to.
 */

export type RefundRequest = {
  /** Ours, unique, the same for every attempt of one refund: the gateway never pays it twice. */
  outRefundNo: string;
  /** The gateway's id of the payment being refunded. */
  transactionId: string;
  orderNo: string;
  /** The channel the order came from: its key and secret sign the notification. */
  channelId: number;
  /** Fen. */
  refundAmount: number;
  /** Fen: what the payment was. */
  totalAmount: number;
  /** Shown to the customer with the refund (the case's reason). */
  reason: string;
};

export type RefundAnswer =
  /** Taken: the outcome follows as a notification. */
  | { status: 'accepted'; gatewayRefundId: string }
  /** Not taken. `retryable`: the gateway's own trouble, ask again later with the same number. */
  | { status: 'refused'; code: string; message: string; retryable: boolean };

export interface PaymentGateway {
  /** Rejects when no answer came (network, timeout): the request may have landed, so it is retried. */
  requestRefund(request: RefundRequest): Promise<RefundAnswer>;
}
