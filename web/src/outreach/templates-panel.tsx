/** Templates: the list, an editor with the merge fields, and a live preview against a chosen contact. */
import { createAsync, useAction, useSubmission } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { getContacts } from '../contacts/contacts.data.ts';
import { errorMessage, trpc } from '../lib/trpc.ts';
import { EmptyState, ErrorNotice } from '../ui/feedback.tsx';
import {
  getMergeFields,
  getTemplates,
  removeTemplate,
  saveTemplate,
  type Template,
} from './outreach.data.ts';

export function TemplatesPanel() {
  const templates = createAsync(() => getTemplates());
  const [editing, setEditing] = createSignal<Template | null>(null);
  const remove = useAction(removeTemplate);
  return (
    <section class="card">
      <h2>Templates</h2>
      <Show
        when={templates()?.length}
        fallback={
          <EmptyState title="No templates yet">
            <p>Write one below.</p>
          </EmptyState>
        }
      >
        <ul class="plain">
          <For each={templates()}>
            {(t) => (
              <li>
                <strong>{t.name}</strong> — {t.subject}{' '}
                <button type="button" onClick={() => setEditing(t)}>
                  Edit {t.name}
                </button>
                <button
                  type="button"
                  onClick={() => remove(t.id).catch((e) => window.alert(errorMessage(e)))}
                >
                  Delete {t.name}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={editing()} keyed fallback={<TemplateEditor template={null} onDone={() => {}} />}>
        {(t) => <TemplateEditor template={t} onDone={() => setEditing(null)} />}
      </Show>
    </section>
  );
}

function TemplateEditor(props: { template: Template | null; onDone: () => void }) {
  const fields = createAsync(() => getMergeFields());
  const contacts = createAsync(() => getContacts('', undefined));
  const save = useAction(saveTemplate);
  const saving = useSubmission(saveTemplate);
  const [name, setName] = createSignal(props.template?.name ?? '');
  const [subject, setSubject] = createSignal(props.template?.subject ?? '');
  const [body, setBody] = createSignal(props.template?.bodyHtml ?? '');
  const [contactId, setContactId] = createSignal('');
  const [preview] = createResource(
    () =>
      contactId() && subject() && body()
        ? { subject: subject(), bodyHtml: body(), contactId: contactId() }
        : null,
    (input) => trpc.outreach.previewTemplate.query(input),
  );
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      await save(props.template?.id ?? null, { name: name(), subject: subject(), bodyHtml: body() });
      if (!props.template) {
        setName('');
        setSubject('');
        setBody('');
      }
      props.onDone();
    } catch {
      // shown from the submission
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-label="Template editor">
      <h3>{props.template ? `Edit ${props.template.name}` : 'New template'}</h3>
      <div class="field">
        <label for="tpl-name">Template name</label>
        <input id="tpl-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
      </div>
      <div class="field">
        <label for="tpl-subject">Subject</label>
        <input
          id="tpl-subject"
          value={subject()}
          onInput={(e) => setSubject(e.currentTarget.value)}
          required
        />
      </div>
      <div class="field">
        <label for="tpl-body">Body (HTML; merge fields in {'{{…}}'} are escaped)</label>
        <textarea
          id="tpl-body"
          rows={8}
          value={body()}
          onInput={(e) => setBody(e.currentTarget.value)}
          required
        />
      </div>
      <p class="muted">
        Merge fields: <For each={fields()}>{(f) => <code title={f.label}>{`{{${f.name}}}`} </code>}</For>
      </p>
      <div class="field">
        <label for="tpl-contact">Preview for</label>
        <select id="tpl-contact" onChange={(e) => setContactId(e.currentTarget.value)}>
          <option value="">Choose a contact…</option>
          <For each={contacts()?.items ?? []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </div>
      <Show when={preview.error}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={preview()}>
        {(p) => (
          <section class="preview" aria-label="Preview">
            <Show when={p().missing.length}>
              <p class="error" role="alert">
                Blocked: this contact has no {p().missing.join(', ')}.
              </p>
            </Show>
            <p>
              <strong>To:</strong> {p().to ?? 'no e-mail address'} · <strong>Subject:</strong> {p().subject}
            </p>
            <pre class="mail-text">{p().text}</pre>
          </section>
        )}
      </Show>
      <Show when={saving.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <button type="submit" class="primary" disabled={saving.pending}>
        Save template
      </button>
    </form>
  );
}
