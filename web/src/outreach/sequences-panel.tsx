/** Sequences with per-step stats; a new sequence; enrolling a campaign's deals after a preview. */
import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { getCampaigns } from '../campaigns/campaigns.data.ts';
import { trpc } from '../lib/trpc.ts';
import { EmptyState, ErrorNotice } from '../ui/feedback.tsx';
import {
  enrolDeals,
  getSequenceStats,
  getSequences,
  getTemplates,
  type Sequence,
  saveSequence,
  waitText,
} from './outreach.data.ts';

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

export function SequencesPanel() {
  const sequences = createAsync(() => getSequences());
  return (
    <section class="card">
      <h2>Sequences</h2>
      <Show
        when={sequences()?.length}
        fallback={
          <EmptyState title="No sequences yet">
            <p>Create one below from your templates.</p>
          </EmptyState>
        }
      >
        <For each={sequences()}>{(s) => <SequenceCard sequence={s} />}</For>
      </Show>
      <NewSequence />
    </section>
  );
}

function SequenceCard(props: { sequence: Sequence }) {
  const stats = createAsync(() => getSequenceStats(props.sequence.id));
  const [enrolling, setEnrolling] = createSignal(false);
  // Refreshing the stats after an enrolment remounts this card and closes the form: the
  // outcome is read from the router's submissions, which outlive it.
  const enrolled = useSubmission(enrolDeals, (input) => input[0] === props.sequence.id);
  return (
    <article class="sequence" aria-label={`Sequence ${props.sequence.name}`}>
      <h3>
        {props.sequence.name} <small class="muted">{props.sequence.status}</small>
      </h3>
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th>Day</th>
            <th>Template</th>
            <th>Enrolled</th>
            <th>Sent</th>
            <th>Replied</th>
            <th>Bounced</th>
            <th>Unsubscribed</th>
            <th>Reply rate</th>
          </tr>
        </thead>
        <tbody>
          <For each={stats()}>
            {(s) => (
              <tr>
                <td>{s.position}</td>
                <td>{s.delayDays}</td>
                <td>{s.templateName}</td>
                <td>{s.enrolled}</td>
                <td>{s.sent}</td>
                <td>{s.replied}</td>
                <td>{s.bounced}</td>
                <td>{s.unsubscribed}</td>
                <td>{percent(s.replyRate)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show
        when={enrolling()}
        fallback={
          <button type="button" onClick={() => setEnrolling(true)}>
            Enrol deals in {props.sequence.name}
          </button>
        }
      >
        <EnrolForm sequence={props.sequence} onDone={() => setEnrolling(false)} />
      </Show>
      <Show when={!enrolling() && !enrolled.pending && enrolled.result}>
        {(r) => <p role="status">Enrolled {r().enrolled}.</p>}
      </Show>
    </article>
  );
}

function EnrolForm(props: { sequence: Sequence; onDone: () => void }) {
  const campaigns = createAsync(() => getCampaigns('', ''));
  const [campaignId, setCampaignId] = createSignal('');
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [board] = createResource(
    () => campaignId() || undefined,
    (id) => trpc.deals.board.query({ campaignId: id }),
  );
  const [preview] = createResource(
    () => (chosen().length ? { sequenceId: props.sequence.id, dealIds: chosen() } : null),
    (input) => trpc.outreach.previewEnrol.query(input),
  );
  const enrol = useAction(enrolDeals);
  const enrolling = useSubmission(enrolDeals);
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  return (
    <fieldset class="form" aria-label="Enrol deals">
      <div class="field">
        <label for={`enrol-campaign-${props.sequence.id}`}>Campaign</label>
        <select
          id={`enrol-campaign-${props.sequence.id}`}
          onChange={(e) => {
            setChosen([]);
            setCampaignId(e.currentTarget.value);
          }}
        >
          <option value="">Choose a campaign…</option>
          <For each={campaigns() ?? []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </div>
      <Show when={board.loading}>
        <p class="loading">Loading deals…</p>
      </Show>
      <ul class="plain">
        <For each={board()?.cards ?? []}>
          {(card) => (
            <li>
              <label>
                <input
                  type="checkbox"
                  checked={chosen().includes(card.id)}
                  onChange={(e) => toggle(card.id, e.currentTarget.checked)}
                />{' '}
                {card.contactName}
              </label>
            </li>
          )}
        </For>
      </ul>
      <Show when={preview.error}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={preview()}>
        {(rows) => (
          <table aria-label="Enrolment preview">
            <thead>
              <tr>
                <th>Contact</th>
                <th>Gets</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <td>{r.contactName}</td>
                    <td>
                      <Show
                        when={r.excluded}
                        fallback={
                          <Index each={r.steps}>
                            {(s) => (
                              <div>
                                Step {s().position}: “{s().subject}” at{' '}
                                {new Date(s().sendAt).toLocaleString()}
                                {s().waitReason
                                  ? ` (${waitText[s().waitReason as string] ?? s().waitReason})`
                                  : ''}
                              </div>
                            )}
                          </Index>
                        }
                      >
                        {(x) => <span class="error">Left out: {x().text}</span>}
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <Show when={enrolling.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <Show when={!enrolling.pending && enrolling.result}>
        {(r) => <p role="status">Enrolled {r().enrolled}.</p>}
      </Show>
      <button
        type="button"
        class="primary"
        disabled={!chosen().length || enrolling.pending}
        onClick={() => enrol(props.sequence.id, chosen()).catch(() => {})}
      >
        Enrol {chosen().length} deals
      </button>
      <button type="button" onClick={() => props.onDone()}>
        Close
      </button>
    </fieldset>
  );
}

function NewSequence() {
  const templates = createAsync(() => getTemplates());
  const save = useAction(saveSequence);
  const saving = useSubmission(saveSequence);
  const [name, setName] = createSignal('');
  const [steps, setSteps] = createSignal([{ delayDays: 0, templateId: '' }]);
  const setStep = (i: number, patch: Partial<{ delayDays: number; templateId: string }>) =>
    setSteps((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      await save({ name: name(), steps: steps() });
      setName('');
      setSteps([{ delayDays: 0, templateId: '' }]);
    } catch {
      // shown from the submission
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-label="New sequence">
      <h3>New sequence</h3>
      <div class="field">
        <label for="seq-name">Sequence name</label>
        <input id="seq-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
      </div>
      <Index each={steps()}>
        {(step, i) => (
          <div class="inline-form">
            <label>
              Step {i + 1} on day{' '}
              <input
                type="number"
                min="0"
                aria-label={`Step ${i + 1} day`}
                value={step().delayDays}
                onInput={(e) => setStep(i, { delayDays: Number(e.currentTarget.value) })}
              />
            </label>
            <select
              aria-label={`Step ${i + 1} template`}
              onChange={(e) => setStep(i, { templateId: e.currentTarget.value })}
            >
              <option value="">Template…</option>
              <For each={templates()}>
                {(t) => (
                  <option value={t.id} selected={step().templateId === t.id}>
                    {t.name}
                  </option>
                )}
              </For>
            </select>
          </div>
        )}
      </Index>
      <button
        type="button"
        onClick={() => setSteps((s) => [...s, { delayDays: (s.at(-1)?.delayDays ?? 0) + 3, templateId: '' }])}
      >
        Add a step
      </button>
      <Show when={saving.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <button type="submit" class="primary" disabled={saving.pending}>
        Create sequence
      </button>
    </form>
  );
}
