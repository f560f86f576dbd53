/** Amounts travel as integer minor units (cents); people read and type major units. */
const formats = new Map<string, Intl.NumberFormat | null>();

export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  // Building a formatter is costly and a board formats hundreds of fees: keep one per currency.
  if (!formats.has(currency)) {
    try {
      formats.set(currency, new Intl.NumberFormat(undefined, { style: 'currency', currency }));
    } catch {
      formats.set(currency, null);
    }
  }
  return formats.get(currency)?.format(minor / 100) ?? `${(minor / 100).toFixed(2)} ${currency}`;
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
