import { For, type JSX, Show, splitProps } from 'solid-js';

let counter = 0;

/** A labelled input with its validation messages tied to it for screen readers. */
export function Field(
  props: {
    label: string;
    errors?: string[];
    hint?: string;
    multiline?: boolean;
  } & JSX.InputHTMLAttributes<HTMLInputElement>,
) {
  const [own, input] = splitProps(props, ['label', 'errors', 'hint', 'multiline']);
  const id = `field-${++counter}`;
  const described = () => (own.errors?.length ? `${id}-errors` : own.hint ? `${id}-hint` : undefined);
  return (
    <div class="field">
      <label for={id}>{own.label}</label>
      <Show
        when={own.multiline}
        fallback={
          <input
            id={id}
            aria-invalid={own.errors?.length ? true : undefined}
            aria-describedby={described()}
            {...input}
          />
        }
      >
        <textarea
          id={id}
          name={input.name}
          value={(input.value as string) ?? ''}
          rows={5}
          aria-describedby={described()}
          onInput={input.onInput as never}
        />
      </Show>
      <Show when={own.hint && !own.errors?.length}>
        <small id={`${id}-hint`}>{own.hint}</small>
      </Show>
      <Show when={own.errors?.length}>
        <ul id={`${id}-errors`} class="field-errors">
          <For each={own.errors}>{(e) => <li>{e}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
