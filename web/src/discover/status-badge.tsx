import { statusLabel } from './format.ts';

export function StatusBadge(props: { status: string }) {
  return <span class={`badge status-${props.status}`}>{statusLabel[props.status] ?? props.status}</span>;
}
