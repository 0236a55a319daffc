/** The element with `id`, typed; throws when the page lacks it (a broken `index.html`). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as T;
}

/** The first match of `selector` inside `root`, typed; throws when missing. */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  return element as T;
}

/** Fills a `<select>` with `values` (label = value unless given) and selects `selected`. */
export function fillSelect(
  select: HTMLSelectElement,
  values: readonly string[],
  selected: string,
  label: (value: string) => string = (value) => value,
): void {
  select.replaceChildren(
    ...values.map((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label(value);
      option.selected = value === selected;
      return option;
    }),
  );
}

/** A number as the page shows metrics: 4 decimals, or a dash when missing. */
export function formatMetric(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(4);
}

/** Marks the page state on `<body data-state>` (tests wait on it). */
export function setPageState(state: 'loading' | 'ready' | 'training' | 'done' | 'error'): void {
  document.body.dataset.state = state;
}
