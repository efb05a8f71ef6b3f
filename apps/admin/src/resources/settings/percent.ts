/**
 * KPI thresholds are stored as basis points (300 = 3 %) and shown as percent. These functions
 * are module-level constants on purpose: NumberInput re-formats when `format` changes identity.
 */
export function basisPointsToPercentText(bp: unknown): string {
  return typeof bp === 'number' && Number.isFinite(bp) ? String(bp / 100) : '';
}

export function percentToBasisPoints(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const percent = typeof value === 'number' ? value : Number.parseFloat(String(value));
  return Number.isFinite(percent) ? Math.round(percent * 100) : null;
}
