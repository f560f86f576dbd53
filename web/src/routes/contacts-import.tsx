import { A, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import {
  type ImportResult,
  importContacts,
  platformNames,
  platformOptions,
} from '../contacts/contacts.data.ts';
import { errorMessage } from '../lib/trpc.ts';

type Result = ImportResult;
type Mapping = Result['mapping'];

const statusLabels = {
  new: 'New',
  duplicate: 'Duplicate in file',
  exists: 'Already a contact',
  invalid: 'Error',
};

/** CSV import: choose a file, map columns, preview every row, then import all at once. */
export default function ContactsImportPage() {
  const importCsv = useAction(importContacts);
  const importing = useSubmission(importContacts);
  const [csv, setCsv] = createSignal('');
  const [preview, setPreview] = createSignal<Result>();
  const [mapping, setMapping] = createSignal<Mapping>();
  const [skipInvalid, setSkipInvalid] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<number>();

  const run = async (dryRun: boolean, map = mapping()) => {
    setError(undefined);
    try {
      const result = await importCsv({ csv: csv(), mapping: map, dryRun, skipInvalid: skipInvalid() });
      setPreview(result);
      setMapping(result.mapping);
      if (!dryRun) setDone(result.imported);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setMapping(undefined);
    setDone(undefined);
    await run(true, undefined);
  };
  const setColumn = (key: 'name' | 'emails' | 'tags' | 'notes' | 'doNotContact', value: string) => {
    const next = { ...mapping()!, [key]: value === '' ? undefined : Number(value) };
    if (key === 'name' && value === '') return;
    setMapping(next as Mapping);
    run(true, next as Mapping);
  };
  const setHandle = (platform: string, value: string) => {
    const handles = { ...mapping()!.handles, [platform]: value === '' ? undefined : Number(value) };
    const next = { ...mapping()!, handles } as Mapping;
    setMapping(next);
    run(true, next);
  };

  const columnSelect = (
    label: string,
    value: number | undefined,
    onChange: (v: string) => void,
    required = false,
  ) => (
    <div class="field">
      <label>
        {label}
        {/* `selected` on each option, not `value` on the select: the select's value would be set
            before its options exist and fall back to the first one, "(not imported)". */}
        <select onChange={(e) => onChange(e.currentTarget.value)}>
          <Show when={!required}>
            <option value="" selected={value === undefined}>
              (not imported)
            </option>
          </Show>
          <For each={preview()?.header ?? []}>
            {(h, i) => (
              <option value={i()} selected={value === i()}>
                {h || `Column ${i() + 1}`}
              </option>
            )}
          </For>
        </select>
      </label>
    </div>
  );

  return (
    <section>
      <p>
        <A href="/contacts">← All contacts</A>
      </p>
      <h1>Import contacts</h1>
      <div class="card form">
        <div class="field">
          <label for="import-file">CSV file</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => onFile(e.currentTarget.files?.[0])}
          />
          <small>Comma, semicolon or tab separated, with a header row. Up to 10,000 rows per file.</small>
        </div>
        <div class="field">
          <label for="import-text">Or paste CSV</label>
          <textarea
            id="import-text"
            rows={5}
            value={csv()}
            onInput={(e) => {
              // A preview of other text would import something else than it shows: drop it.
              setCsv(e.currentTarget.value);
              setPreview(undefined);
              setDone(undefined);
            }}
          />
        </div>
        <div class="actions">
          <button type="button" disabled={!csv().trim() || importing.pending} onClick={() => run(true)}>
            Preview
          </button>
        </div>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={done() !== undefined}>
        <p class="notice" role="status">
          Imported {done()} {done() === 1 ? 'contact' : 'contacts'}. <A href="/contacts">See contacts</A>
        </p>
      </Show>
      <Show when={preview() && mapping()}>
        <section class="card">
          <h2>Columns</h2>
          <div class="mapping">
            {columnSelect('Name column', mapping()!.name, (v) => setColumn('name', v), true)}
            {columnSelect('Emails column', mapping()!.emails, (v) => setColumn('emails', v))}
            {columnSelect('Tags column', mapping()!.tags, (v) => setColumn('tags', v))}
            {columnSelect('Notes column', mapping()!.notes, (v) => setColumn('notes', v))}
            {columnSelect('Do-not-contact column', mapping()!.doNotContact, (v) =>
              setColumn('doNotContact', v),
            )}
            <For each={platformOptions.filter((p) => p !== 'other')}>
              {(p) =>
                columnSelect(`${platformNames[p]} handle column`, mapping()!.handles[p], (v) =>
                  setHandle(p, v),
                )
              }
            </For>
          </div>
        </section>
        <section class="card">
          <h2>Preview</h2>
          <p aria-live="polite">
            {preview()!.counts.new} new · {preview()!.counts.duplicate} duplicates in the file ·{' '}
            {preview()!.counts.exists} already contacts · {preview()!.counts.invalid} with errors
          </p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Status</th>
                <th scope="col">Name</th>
                <th scope="col">Emails</th>
                <th scope="col">Handles</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              <For each={preview()!.rows.slice(0, 500)}>
                {(r) => (
                  <tr class={`import-${r.status}`}>
                    <td>{r.line}</td>
                    <td>{statusLabels[r.status]}</td>
                    <td>{r.name}</td>
                    <td>{r.emails.join(', ')}</td>
                    <td>{r.handles.map((h) => `${platformNames[h.platform]}: @${h.handle}`).join(', ')}</td>
                    <td>
                      {[...r.errors, r.matches ? `matches ${r.matches}` : ''].filter(Boolean).join(' ')}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={preview()!.rows.length > 500}>
            <p class="muted">Showing the first 500 of {preview()!.rows.length} rows.</p>
          </Show>
          <Show when={preview()!.counts.invalid > 0}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={skipInvalid()}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              />{' '}
              Skip the {preview()!.counts.invalid} rows with errors
            </label>
          </Show>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={
                importing.pending ||
                preview()!.counts.new === 0 ||
                (preview()!.counts.invalid > 0 && !skipInvalid())
              }
              onClick={() => run(false)}
            >
              Import {preview()!.counts.new} {preview()!.counts.new === 1 ? 'contact' : 'contacts'}
            </button>
          </div>
        </section>
      </Show>
    </section>
  );
}
