import { useAction, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { formatFromName, type GraphFormat } from '../../../server/graph-files/graph-format.ts';
import { splitList } from '../contacts/contacts.data.ts';
import { fieldErrors } from '../lib/trpc.ts';
import { ErrorNotice } from '../ui/feedback.tsx';
import { Field } from '../ui/field.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import {
  createNiche,
  csvColumns,
  type NewNicheInput,
  type UploadProgress,
  uploadGraphFiles,
} from './discover.data.ts';
import { formatCount } from './format.ts';

type Platform = NewNicheInput['platform'];

/** Creates a niche: crawled from seeds and keywords, or imported from graph files. */
export function NewNicheForm(props: { onCancel?: () => void }) {
  const create = useAction(createNiche);
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [platform, setPlatform] = createSignal<Platform>('bluesky');
  const [seeds, setSeeds] = createSignal('');
  const [keywords, setKeywords] = createSignal('');
  const [maxRequests, setMaxRequests] = createSignal(3000);
  const [maxAccounts, setMaxAccounts] = createSignal(20000);
  const [maxMinutes, setMaxMinutes] = createSignal(60);
  const [edges, setEdges] = createSignal<File>();
  const [accounts, setAccounts] = createSignal<File>();
  // Empty when the edges file's name does not tell: the person has to choose.
  const [format, setFormat] = createSignal<GraphFormat | ''>('csv');
  const [mutual, setMutual] = createSignal(false);
  const [columns, setColumns] = createSignal<string[]>([]);
  const [idColumn, setIdColumn] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [upload, setUpload] = createSignal<UploadProgress>();
  const errors = () => fieldErrors(error());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    if (platform() === 'file' && !edges()) {
      setError(new Error('Choose an edges file to import.'));
      return;
    }
    const chosenFormat = format();
    if (platform() === 'file' && !chosenFormat) {
      setError(new Error('Choose the format of the edges file: CSV, GEXF or GraphML.'));
      return;
    }
    setBusy(true);
    try {
      const niche = await create({
        name: name(),
        platform: platform(),
        seeds: platform() === 'file' ? [] : splitList(seeds()),
        keywords: platform() === 'file' ? [] : splitList(keywords()),
        budget: { maxRequests: maxRequests(), maxAccounts: maxAccounts(), maxMinutes: maxMinutes() },
        start: platform() !== 'file',
      });
      if (platform() === 'file') {
        setUpload({ loaded: 0, total: edges()!.size + (accounts()?.size ?? 0) });
        await uploadGraphFiles(
          niche.id,
          {
            edges: edges()!,
            accounts: accounts(),
            format: chosenFormat as GraphFormat,
            mutual: mutual(),
            // Empty: the server picks the column whose values match the edges file's ids.
            accountsIdColumn: idColumn() || undefined,
          },
          setUpload,
        );
      }
      navigate(`/discover/${niche.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const pickAccounts = async (file: File | undefined) => {
    setAccounts(file);
    const found = file ? await csvColumns(file).catch(() => []) : [];
    setColumns(found);
    // Not 'id' by default: in twitch-ru that is the platform id, and the edges use new_id.
    setIdColumn('');
  };

  const pickEdges = (file: File | undefined) => {
    setEdges(file);
    if (file) setFormat(formatFromName(file.name) ?? '');
  };

  return (
    <form class="form card" onSubmit={submit} aria-label="New niche">
      <h2>New niche</h2>
      <Field
        label="Name"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
        errors={errors().name}
        required
      />
      <div class="field">
        <label for="niche-platform">Platform</label>
        <select
          id="niche-platform"
          value={platform()}
          onChange={(e) => setPlatform(e.currentTarget.value as Platform)}
        >
          <option value="bluesky">Bluesky</option>
          <option value="mastodon">Mastodon</option>
          <option value="file">Import a file</option>
        </select>
      </div>
      <Show
        when={platform() === 'file'}
        fallback={
          <>
            <Field
              label="Seed accounts"
              multiline
              value={seeds()}
              onInput={(e) => setSeeds(e.currentTarget.value)}
              hint={
                platform() === 'mastodon'
                  ? 'user@instance.social, separated by commas or new lines'
                  : 'Handles such as vegan.bsky.social, separated by commas or new lines'
              }
              errors={errors().seeds}
            />
            <Field
              label="Keywords"
              multiline
              value={keywords()}
              onInput={(e) => setKeywords(e.currentTarget.value)}
              hint="Optional: searched for more seed accounts"
              errors={errors().keywords}
            />
            <fieldset class="budget">
              <legend>Budget</legend>
              <Field
                label="Max requests"
                type="number"
                min={1}
                value={maxRequests()}
                onInput={(e) => setMaxRequests(e.currentTarget.valueAsNumber)}
              />
              <Field
                label="Max accounts"
                type="number"
                min={10}
                value={maxAccounts()}
                onInput={(e) => setMaxAccounts(e.currentTarget.valueAsNumber)}
              />
              <Field
                label="Max minutes"
                type="number"
                min={1}
                value={maxMinutes()}
                onInput={(e) => setMaxMinutes(e.currentTarget.valueAsNumber)}
              />
            </fieldset>
          </>
        }
      >
        <div class="field">
          <label for="niche-edges">Edges file</label>
          <input
            id="niche-edges"
            type="file"
            accept=".csv,.txt,.gexf,.graphml,.xml"
            onChange={(e) => pickEdges(e.currentTarget.files?.[0])}
          />
          <small class="muted">CSV with follower,followed columns, GEXF or GraphML</small>
        </div>
        <div class="field">
          <label for="niche-accounts">Accounts file (optional)</label>
          <input
            id="niche-accounts"
            type="file"
            accept=".csv,.txt"
            onChange={(e) => pickAccounts(e.currentTarget.files?.[0])}
          />
        </div>
        <Show when={columns().length > 0}>
          <div class="field">
            <label for="niche-id-column">Accounts id column</label>
            <select
              id="niche-id-column"
              value={idColumn()}
              onChange={(e) => setIdColumn(e.currentTarget.value)}
            >
              <option value="">Detect from the edges file</option>
              <For each={columns()}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
            <small class="muted">The column holding the ids used in the edges file</small>
          </div>
        </Show>
        <label class="checkbox">
          <input type="checkbox" checked={mutual()} onChange={(e) => setMutual(e.currentTarget.checked)} />
          Edges are mutual ties (import each as two follows)
        </label>
        <div class="field">
          <label for="niche-format">Format</label>
          <select
            id="niche-format"
            value={format()}
            onChange={(e) => setFormat(e.currentTarget.value as GraphFormat)}
          >
            <option value="" disabled>
              Choose the format…
            </option>
            <option value="csv">CSV</option>
            <option value="gexf">GEXF</option>
            <option value="graphml">GraphML</option>
          </select>
        </div>
      </Show>
      <Show when={upload()}>
        {(u) => (
          <ProgressBar
            label="Upload"
            fraction={u().total ? u().loaded / u().total : null}
            text={`Uploading… ${formatCount(u().loaded)}B of ${formatCount(u().total)}B`}
          />
        )}
      </Show>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Working…' : platform() === 'file' ? 'Create and import' : 'Create and crawl'}
        </button>
        <Show when={props.onCancel}>
          <button type="button" onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}
