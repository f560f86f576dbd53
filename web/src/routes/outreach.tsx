/** Outreach: compose (from a deal or contact), templates, sequences, the outbox, the sent log. */
import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { ComposePanel } from '../outreach/compose-panel.tsx';
import { getOutbox, getQueueStatus, getSent, getSequences, getTemplates } from '../outreach/outreach.data.ts';
import { OutboxPanel, SentPanel } from '../outreach/queue-panel.tsx';
import { SequencesPanel } from '../outreach/sequences-panel.tsx';
import { TemplatesPanel } from '../outreach/templates-panel.tsx';
import { Loaded } from '../ui/feedback.tsx';

export function preloadOutreach() {
  void getTemplates();
  void getSequences();
  void getOutbox();
  void getSent();
  void getQueueStatus();
}

export default function OutreachPage() {
  const [params] = useSearchParams();
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return (
    <section>
      <h1>Outreach</h1>
      <p class="muted">
        Mailboxes and your sender identity are in <A href="/settings">Settings → Email</A>. No open or click
        tracking.
      </p>
      <Show when={one(params.deal) || one(params.contact)}>
        <ComposePanel dealId={one(params.deal)} contactId={one(params.contact)} />
      </Show>
      <p>
        <A href="/outreach/inbox">Inbox: replies to handle</A>
      </p>
      <Loaded query={getOutbox.key} label="Loading the outbox…">
        <OutboxPanel />
      </Loaded>
      <Loaded query={getSent.key} label="Loading the sent log…">
        <SentPanel />
      </Loaded>
      <Loaded query={getSequences.key} label="Loading sequences…">
        <SequencesPanel />
      </Loaded>
      <Loaded query={getTemplates.key} label="Loading templates…">
        <TemplatesPanel />
      </Loaded>
    </section>
  );
}
