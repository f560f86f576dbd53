import { A, createAsync, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { canAdmin, useMe } from '../auth/session.ts';
import { auditEntities as entities, getAudit } from '../settings/settings.data.ts';
import { EmptyState, Loading } from '../ui/feedback.tsx';

const entityLabels: Record<string, [one: string, many: string]> = {
  contact: ['Contact', 'Contacts'],
  deal: ['Deal', 'Deals'],
  campaign: ['Campaign', 'Campaigns'],
  stage: ['Stage', 'Stages'],
  member: ['Member', 'Members'],
  invitation: ['Invitation', 'Invitations'],
  api_key: ['API key', 'API keys'],
};

const value = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** "role: member → admin; email: ana@…": the server has already put names where ids were. */
function summarise(changes: Record<string, unknown>): string {
  const text = Object.entries(changes)
    .map(([key, v]) =>
      v && typeof v === 'object' && 'from' in v && 'to' in v
        ? `${key}: ${value(v.from)} → ${value(v.to)}`
        : `${key}: ${value(v)}`,
    )
    .join('; ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** Who changed what and when, for admins. */
export default function AuditPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams<{ entity?: string; after?: string }>();
  const page = createAsync(() => getAudit(params.entity ?? '', params.after));
  const [previous, setPrevious] = createSignal<(string | undefined)[]>([]);
  return (
    <section>
      <p>
        <A href="/settings">← Settings</A>
      </p>
      <h1>Audit log</h1>
      <Show when={canAdmin(me())} fallback={<p class="muted">Only admins and owners see the audit log.</p>}>
        <div class="toolbar">
          <label for="audit-entity">Show</label>
          <select
            id="audit-entity"
            value={params.entity ?? ''}
            onChange={(e) => {
              setPrevious([]);
              setParams({ entity: e.currentTarget.value || undefined, after: undefined });
            }}
          >
            <option value="">Everything</option>
            <For each={entities}>{(e) => <option value={e}>{entityLabels[e]?.[1] ?? e}</option>}</For>
          </select>
        </div>
        <Show when={page()} fallback={<Loading />}>
          {(p) => (
            <Show when={p().items.length} fallback={<EmptyState title="No changes recorded yet" />}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().items}>
                    {(entry) => (
                      <tr>
                        <td>{new Date(entry.createdAt).toLocaleString()}</td>
                        <td>{entry.actorName || entry.actorEmail || 'system'}</td>
                        <td>
                          {entityLabels[entry.entityType]?.[0] ?? entry.entityType}{' '}
                          <strong>{entry.entityName ?? '(deleted)'}</strong> {entry.action.replace(/_/g, ' ')}
                        </td>
                        <td class="changes">{summarise(entry.changes)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <nav class="pager" aria-label="Pages">
                <button
                  type="button"
                  disabled={previous().length === 0}
                  onClick={() => {
                    const stack = previous();
                    setPrevious(stack.slice(0, -1));
                    setParams({ after: stack.at(-1) });
                  }}
                >
                  Newer
                </button>
                <button
                  type="button"
                  disabled={!p().nextCursor}
                  onClick={() => {
                    setPrevious([...previous(), params.after]);
                    setParams({ after: p().nextCursor ?? undefined });
                  }}
                >
                  Older
                </button>
              </nav>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
