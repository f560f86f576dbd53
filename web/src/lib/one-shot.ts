import { createSignal } from 'solid-js';

/**
 * A button's one request and the sentence it ends with: `busy` while it runs, then `result`
 * (the request's own words, or "Failed: …" when it threw). Kept in the component, not a router
 * action: an action reloads the page's queries, which re-created the list and wiped the result.
 */
export function createOneShot(request: () => Promise<string>) {
  const [result, setResult] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const run = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult(await request());
    } catch (e) {
      setResult(`Failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return { result, busy, run };
}
