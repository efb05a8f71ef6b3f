/**
 * Personal data is masked in every list and record (DESIGN.md "Data"); revealing needs a
 * permission and is audited by the caller.
 */

/** 13800001234 → 138****1234; shorter numbers keep their last 4 digits only. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.trim();
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

/** 110101199001011234 → 110101********1234 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const value = id.trim();
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** 林女士 → 林**; a single character stays as it is; Latin names keep their first letter. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** The street line is hidden; province, city and district stay readable for routing work. */
export function maskAddressDetail(detail: string | null | undefined): string | null {
  if (!detail) return null;
  return '****';
}

/** Last four digits of a phone, what CS asks a caller for. */
export function phoneTail(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.trim().slice(-4);
}
