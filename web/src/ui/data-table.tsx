import { type Accessor, createMemo, createSignal, For, type JSX, Show } from 'solid-js';

export type SortDir = 1 | -1;
export type SortState = { key: string; dir: SortDir };

/** Sorting rows by named values, in the browser; clicking the sorted column again reverses it. */
export function createSort<T>(
  rows: Accessor<readonly T[]>,
  values: Record<string, (row: T) => string | number>,
  initial: SortState,
) {
  const [state, setState] = createSignal<SortState>(initial);
  const sorted = createMemo(() => {
    const { key, dir } = state();
    const value = values[key];
    if (!value) return [...rows()];
    return [...rows()].sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0));
  });
  return {
    rows: sorted,
    state,
    canSort: (key: string) => key in values,
    toggle: (key: string) => setState((s) => ({ key, dir: s.key === key ? (-s.dir as SortDir) : 1 })),
  };
}
export type TableSort<T> = ReturnType<typeof createSort<T>>;

export type DataColumn<T> = {
  id: string;
  header: string;
  cell: (row: T) => JSX.Element;
  cellClass?: (row: T) => Record<string, boolean>;
};

/** Row selection by key, kept by the caller so it can outlive a page of rows. */
export type TableSelection<T> = {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  allLabel: string;
  rowLabel: (row: T) => string;
};

/**
 * A table of rows with optional checkbox selection and sortable headers. "Select all" selects
 * the rows shown, adding to (or removing from) whatever else is selected.
 */
export function DataTable<T>(props: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: DataColumn<T>[];
  selection?: TableSelection<T>;
  sort?: TableSort<T>;
}) {
  const isSelected = (row: T) => !!props.selection?.selected.has(props.rowKey(row));
  const setRows = (rows: readonly T[], on: boolean) => {
    const selection = props.selection!;
    const next = new Set(selection.selected);
    for (const row of rows) {
      if (on) next.add(props.rowKey(row));
      else next.delete(props.rowKey(row));
    }
    selection.onChange(next);
  };
  const header = (column: DataColumn<T>) => {
    const sort = props.sort;
    if (!sort?.canSort(column.id)) return <th scope="col">{column.header}</th>;
    const state = sort.state;
    return (
      <th
        scope="col"
        aria-sort={state().key === column.id ? (state().dir === 1 ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" class="link" onClick={() => sort.toggle(column.id)}>
          {column.header}
        </button>
      </th>
    );
  };
  return (
    <table class="table">
      <thead>
        <tr>
          <Show when={props.selection}>
            {(selection) => (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={selection().allLabel}
                  checked={props.rows.length > 0 && props.rows.every(isSelected)}
                  onChange={(e) => setRows(props.rows, e.currentTarget.checked)}
                />
              </th>
            )}
          </Show>
          <For each={props.columns}>{header}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr>
              <Show when={props.selection}>
                {(selection) => (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={selection().rowLabel(row)}
                      checked={isSelected(row)}
                      onChange={(e) => setRows([row], e.currentTarget.checked)}
                    />
                  </td>
                )}
              </Show>
              <For each={props.columns}>
                {(column) => <td classList={column.cellClass?.(row)}>{column.cell(row)}</td>}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
