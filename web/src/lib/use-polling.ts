import { onCleanup } from 'solid-js';

/** Re-runs `refresh` every `ms` while the calling component lives. */
export function usePolling(refresh: () => unknown, ms: number) {
  const timer = setInterval(refresh, ms);
  onCleanup(() => clearInterval(timer));
}
