/** Figures as the report shows them: unknown is "—" with a reason, never 0. */
export const UNKNOWN = '—';

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? UNKNOWN : Math.round(value).toLocaleString('en');
}

export function share(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? UNKNOWN : `${(value * 100).toFixed(digits)}%`;
}

export function decimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? UNKNOWN : value.toFixed(digits);
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return UNKNOWN;
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return UNKNOWN;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
}

/** Earned reach as shown: exact, or "estimate ± x%" with the range it is known to lie in. */
export function earned(e: {
  value: number;
  kind: 'exact' | 'estimate';
  low: number;
  high: number | null;
  plusMinusPercent: number | null;
}) {
  if (e.kind === 'exact') return count(e.value);
  const pm = e.plusMinusPercent === null ? '?' : e.plusMinusPercent;
  return `${count(e.value)} (estimate ± ${pm}%, ${count(e.low)}–${e.high === null ? '?' : count(e.high)})`;
}

/** Direct reach, saying so when accounts following two influencers may count twice. */
export function direct(value: number | null, kind: 'union' | 'sum') {
  return kind === 'sum' && value !== null ? `${count(value)} (sum of audiences)` : count(value);
}
