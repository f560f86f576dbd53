import { createAsync, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { fieldErrors } from '../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormFooter } from '../ui/form-footer.tsx';
import { Markdown } from '../ui/markdown.tsx';
import {
  type Campaign,
  type CampaignInput,
  campaignStatuses,
  createCampaign,
  getOwners,
  updateCampaign,
} from './campaigns.data.ts';
import { parseMoney, toMajor } from './money.ts';

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The campaign editor, for new and existing campaigns. */
export function CampaignForm(props: {
  initial?: Campaign;
  submitLabel: string;
  onSubmit: (input: CampaignInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const owners = createAsync(() => getOwners());
  const creating = useSubmission(createCampaign);
  const updating = useSubmission(updateCampaign);
  const [brief, setBrief] = createSignal(props.initial?.brief ?? '');
  const [localError, setLocalError] = createSignal<string>();
  const error = () => creating.error ?? updating.error;
  const errors = () => fieldErrors(error());
  const pending = () => creating.pending || updating.pending;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    const budget = parseMoney(text('budget'));
    const emv = parseMoney(text('goalEmv'));
    if (Number.isNaN(budget) || Number.isNaN(emv)) {
      setLocalError('Write amounts as numbers, like 2500 or 2500.50.');
      return;
    }
    setLocalError(undefined);
    const whole = (key: string) => (text(key) ? Number(text(key)) : null);
    props.onSubmit({
      name: text('name'),
      client: text('client'),
      brief: brief(),
      niches: splitList(text('niches')),
      budgetMinor: budget ?? 0,
      currency: text('currency') || 'EUR',
      startsOn: text('startsOn') || null,
      endsOn: text('endsOn') || null,
      goalReach: whole('goalReach'),
      goalPosts: whole('goalPosts'),
      goalEmvMinor: emv,
      status: text('status') as CampaignInput['status'],
      ownerId: text('ownerId') || null,
    });
  };

  const init = props.initial;
  return (
    <form class="card form" onSubmit={submit}>
      <Field label="Campaign name" name="name" required value={init?.name ?? ''} errors={errors().name} />
      <Field label="Client or brand" name="client" value={init?.client ?? ''} errors={errors().client} />
      <div class="field">
        <label for="campaign-brief">Brief</label>
        <textarea
          id="campaign-brief"
          name="brief"
          rows={6}
          value={brief()}
          onInput={(e) => setBrief(e.currentTarget.value)}
          aria-describedby="campaign-brief-hint"
        />
        <small id="campaign-brief-hint">
          Markdown: # heading, **bold**, *italic*, - lists, [links](https://…).
        </small>
        <Show when={brief().trim()}>
          <div class="preview" role="region" aria-label="Brief preview">
            <Markdown source={brief()} />
          </div>
        </Show>
      </div>
      <Field
        label="Niches"
        name="niches"
        hint="Separate with commas."
        value={init?.niches.join(', ') ?? ''}
        errors={errors().niches}
      />
      <div class="row">
        <Field label="Budget" name="budget" inputmode="decimal" value={toMajor(init?.budgetMinor)} />
        <Field
          label="Currency"
          name="currency"
          value={init?.currency ?? 'EUR'}
          maxLength={3}
          errors={errors().currency}
        />
      </div>
      <div class="row">
        <Field label="Start date" name="startsOn" type="date" value={init?.startsOn ?? ''} />
        <Field
          label="End date"
          name="endsOn"
          type="date"
          value={init?.endsOn ?? ''}
          errors={errors().endsOn}
        />
      </div>
      <fieldset>
        <legend>Goals</legend>
        <div class="row">
          <Field label="Target reach" name="goalReach" type="number" min="0" value={init?.goalReach ?? ''} />
          <Field
            label="Number of posts"
            name="goalPosts"
            type="number"
            min="0"
            value={init?.goalPosts ?? ''}
          />
          <Field
            label="Target earned-media value"
            name="goalEmv"
            inputmode="decimal"
            value={toMajor(init?.goalEmvMinor)}
          />
        </div>
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="campaign-status">Status</label>
          <select id="campaign-status" name="status">
            <For each={campaignStatuses}>
              {(s) => (
                <option value={s} selected={(init?.status ?? 'planning') === s}>
                  {s}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="campaign-owner">Owner</label>
          <select id="campaign-owner" name="ownerId">
            <option value="">{init ? 'Nobody' : 'Me'}</option>
            <For each={owners() ?? []}>
              {(o) => (
                <option value={o.userId} selected={init?.ownerId === o.userId}>
                  {o.name}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
      <Show when={localError()}>
        <p class="error" role="alert">
          {localError()}
        </p>
      </Show>
      <FormFooter
        error={error()}
        pending={pending()}
        submitLabel={props.submitLabel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
