/** The outbox (when each message goes, and why it waits) and the sent log (what the server said). */
import { createAsync, useAction } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { EmptyState } from '../ui/feedback.tsx';
import { cancelMessage, getOutbox, getQueueStatus, getSent, waitText } from './outreach.data.ts';

export function QueueStatus() {
  const status = createAsync(() => getQueueStatus());
  return (
    <Show when={status()?.length}>
      <p class="muted">
        <For each={status()}>
          {(m) => (
            <span>
              {m.name}: {m.scheduled} queued, {m.sentToday} sent today of {m.dailyCapToday ?? 'no cap'},{' '}
              {m.sentThisHour} this hour of {m.hourlyCap ?? 'no cap'}.{' '}
            </span>
          )}
        </For>
      </p>
    </Show>
  );
}

export function OutboxPanel() {
  const rows = createAsync(() => getOutbox());
  const cancel = useAction(cancelMessage);
  return (
    <section class="card">
      <h2>Outbox</h2>
      <QueueStatus />
      <Show when={rows()?.length} fallback={<EmptyState title="Nothing waiting to go" />}>
        <table aria-label="Outbox">
          <thead>
            <tr>
              <th>To</th>
              <th>Subject</th>
              <th>Step</th>
              <th>Goes at</th>
              <th>Why it waits</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(m) => (
                <tr>
                  <td>
                    {m.contactName} &lt;{m.toAddress}&gt;
                  </td>
                  <td>{m.subject}</td>
                  <td>{m.stepPosition ?? '—'}</td>
                  <td>{m.status === 'sending' ? 'sending now' : new Date(m.sendAt).toLocaleString()}</td>
                  <td>{m.waitReason ? (waitText[m.waitReason] ?? m.waitReason) : (m.lastError ?? '')}</td>
                  <td>
                    <Show when={m.status === 'scheduled'}>
                      <button type="button" onClick={() => cancel(m.id).catch(() => {})}>
                        Cancel
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

export function SentPanel() {
  const rows = createAsync(() => getSent());
  return (
    <section class="card">
      <h2>Sent log</h2>
      <Show when={rows()?.length} fallback={<EmptyState title="Nothing sent yet" />}>
        <table aria-label="Sent log">
          <thead>
            <tr>
              <th>To</th>
              <th>Subject</th>
              <th>Status</th>
              <th>When</th>
              <th>Server answer</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(m) => (
                <tr>
                  <td>
                    {m.contactName} &lt;{m.toAddress}&gt;
                  </td>
                  <td>{m.subject}</td>
                  <td>
                    {m.status}
                    {m.cancelReason ? ` (${m.cancelReason})` : ''}
                  </td>
                  <td>{m.finishedAt ? new Date(m.finishedAt).toLocaleString() : ''}</td>
                  <td>{m.smtpResponse ?? m.lastError ?? ''}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
