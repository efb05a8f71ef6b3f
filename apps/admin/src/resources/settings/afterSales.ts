/**
 * The after-sales settings as the form holds them: the two limits typed in yuan and stored in
 * fen, the reason list with unique codes, the reject templates. Checked here with the contract's
 * own schemas so the form says what the server would refuse.
 */
import { AfterSalesReason, ReturnAddress, Settings } from '@siyu/shared';
import { isBlank, toFen, yuanText } from '../products/money';

const key = (name: string) => `resources.settings.validation.${name}`;

/** The settings held in fen, shown and typed in yuan. */
export const yuanSettings = ['refundApprovalLimit', 'bulkApproveMaxAmount'] as const;

/** What a yuan input shows: fen → "500.00", typed text as typed. */
export const formatYuanSetting = yuanText;

export const validateYuanSetting = (value: unknown) => {
  if (isBlank(value)) return undefined;
  const fen = toFen(value);
  return fen !== undefined && Settings.shape.refundApprovalLimit.safeParse(fen).success
    ? undefined
    : key('yuan');
};

/** Before saving: the yuan texts back to fen (untouched values are fen already). */
export function settingsToSave<T extends Record<string, unknown>>(data: T): T {
  const out: Record<string, unknown> = { ...data };
  for (const field of yuanSettings) if (field in out) out[field] = toFen(out[field]) ?? out[field];
  if (Array.isArray(out.rejectReasonTemplates))
    out.rejectReasonTemplates = (out.rejectReasonTemplates as unknown[]).map((t) =>
      typeof t === 'string' ? t.trim() : t,
    );
  return out as T;
}

export const validateReasonCode = (value: unknown) =>
  isBlank(value) || AfterSalesReason.shape.code.safeParse(value).success ? undefined : key('reason_code');

/** Each code once: the storefront and the filters know a reason by its code. */
export const validateReasonList = (value: unknown) => {
  if (!Array.isArray(value) || value.length === 0) return key('reasons_empty');
  const codes = value.map((r) => (r as { code?: unknown } | null)?.code).filter((c) => !isBlank(c));
  return new Set(codes).size === codes.length ? undefined : key('reason_codes_unique');
};

export const validateReturnPhone = (value: unknown) =>
  isBlank(value) || ReturnAddress.shape.phone.safeParse(value).success ? undefined : key('return_phone');
