/**
 * A PATCH carries only what the person changed, and only fields the server lets them edit
 * (the BFF rejects unknown fields: no mass assignment).
 */
import {
  CategoryUpdate,
  ChannelUpdate,
  ProductUpdate,
  SettingsUpdate,
  ShippingTemplateUpdate,
  StaffUserUpdate,
} from '@siyu/shared';

/** Editable fields per resource, read from the contract's update schemas. */
export const editableFields: Record<string, readonly string[]> = {
  'staff-users': Object.keys(StaffUserUpdate.shape),
  channels: Object.keys(ChannelUpdate.shape),
  settings: Object.keys(SettingsUpdate.shape),
  categories: Object.keys(CategoryUpdate.shape),
  products: Object.keys(ProductUpdate.shape),
  'shipping-templates': Object.keys(ShippingTemplateUpdate.shape),
};

/** Never sent back, whatever the resource: the server owns them. */
export const readOnlyFields = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'lastLoginAt',
  'lockedUntil',
  'username',
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

/** The keys of `data` whose value differs from `previousData`, limited to what may be edited. */
export function changedFields(
  resource: string,
  data: Record<string, unknown>,
  previousData: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const allowed = editableFields[resource];
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (allowed ? !allowed.includes(key) : (readOnlyFields as readonly string[]).includes(key)) continue;
    if (previousData && sameValue(value, previousData[key])) continue;
    patch[key] = value;
  }
  return patch;
}
