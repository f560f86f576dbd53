import { useSubmission } from '@solidjs/router';
import { createSignal, For, Index } from 'solid-js';
import { fieldErrors } from '../lib/trpc.ts';
import { Field } from '../ui/field.tsx';
import { FormFooter } from '../ui/form-footer.tsx';
import {
  type ContactInput,
  createContact,
  type PlatformOption,
  platformOptions,
  splitList,
  updateContact,
} from './contacts.data.ts';

/** The contact editor, used for both new and existing contacts. */
export function ContactForm(props: {
  initial?: ContactInput;
  submitLabel: string;
  onSubmit: (input: ContactInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [emails, setEmails] = createSignal(props.initial?.emails.join(', ') ?? '');
  const [tags, setTags] = createSignal(props.initial?.tags.join(', ') ?? '');
  const [notes, setNotes] = createSignal(props.initial?.notes ?? '');
  const [accounts, setAccounts] = createSignal(props.initial?.socialAccounts ?? []);
  const [doNotContact, setDoNotContact] = createSignal(props.initial?.doNotContact ?? false);
  const submission = useSubmission(createContact);
  const updating = useSubmission(updateContact);
  const error = () => submission.error ?? updating.error;
  const pending = () => submission.pending || updating.pending;
  const errors = () => fieldErrors(error());

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSubmit({
      name: name(),
      emails: splitList(emails()),
      tags: splitList(tags()),
      notes: notes(),
      socialAccounts: accounts().filter((a) => a.handle.trim()),
      doNotContact: doNotContact(),
    });
  };
  const setAccount = (i: number, patch: Partial<ContactInput['socialAccounts'][number]>) =>
    setAccounts(accounts().map((a, j) => (j === i ? { ...a, ...patch } : a)));

  return (
    <form class="card form" onSubmit={submit}>
      <Field
        label="Name"
        name="name"
        required
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
        errors={errors().name}
      />
      <Field
        label="Emails"
        name="emails"
        hint="Separate several with commas."
        value={emails()}
        onInput={(e) => setEmails(e.currentTarget.value)}
        errors={errors().emails}
      />
      <Field
        label="Tags"
        name="tags"
        hint="Separate with commas."
        value={tags()}
        onInput={(e) => setTags(e.currentTarget.value)}
        errors={errors().tags}
      />
      <Field
        label="Notes"
        name="notes"
        multiline
        value={notes()}
        onInput={(e) => setNotes(e.currentTarget.value)}
        errors={errors().notes}
      />
      <fieldset>
        <legend>Social accounts</legend>
        <Index each={accounts()}>
          {(account, i) => (
            <div class="account-row">
              <label>
                <span class="visually-hidden">Platform {i + 1}</span>
                <select
                  aria-label={`Platform ${i + 1}`}
                  value={account().platform}
                  onChange={(e) => setAccount(i, { platform: e.currentTarget.value as PlatformOption })}
                >
                  <For each={platformOptions}>{(p) => <option value={p}>{p}</option>}</For>
                </select>
              </label>
              <label>
                <span class="visually-hidden">Handle {i + 1}</span>
                <input
                  aria-label={`Handle ${i + 1}`}
                  value={account().handle}
                  placeholder="@handle"
                  onInput={(e) => setAccount(i, { handle: e.currentTarget.value })}
                />
              </label>
              <button type="button" onClick={() => setAccounts(accounts().filter((_, j) => j !== i))}>
                Remove account {i + 1}
              </button>
            </div>
          )}
        </Index>
        <button
          type="button"
          onClick={() => setAccounts([...accounts(), { platform: 'bluesky', handle: '' }])}
        >
          Add social account
        </button>
      </fieldset>
      <label class="checkbox">
        <input
          type="checkbox"
          name="doNotContact"
          checked={doNotContact()}
          onChange={(e) => setDoNotContact(e.currentTarget.checked)}
        />{' '}
        Do not contact (never add to new deals)
      </label>
      <FormFooter
        error={error()}
        pending={pending()}
        submitLabel={props.submitLabel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
