/** Amounts travel as integer minor units (cents); people read and type major units. */
export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** "1 234,50" or "1234.5" → 123450; empty → null; anything else → NaN. */
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s']/g, '');
  if (!cleaned) return null;
  const normalised = /,\d{1,2}$/.test(cleaned)
    ? cleaned.replace(/\./g, '').replace(',', '.')
    : cleaned.replace(/,/g, '');
  const value = Number(normalised);
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : Number.NaN;
}

export function toMajor(minor: number | null | undefined): string {
  return minor === null || minor === undefined ? '' : (minor / 100).toFixed(2);
}

export function percent(part: number, whole: number | null | undefined): number {
  if (!whole) return 0;
  return Math.min(100, Math.round((part / whole) * 100));
}
