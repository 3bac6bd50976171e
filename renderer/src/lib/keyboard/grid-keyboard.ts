import type { ActionReturn } from 'svelte/action';

/**
 * A table as one tab stop, as the ARIA grid pattern has it (roving tabindex): Tab enters on the
 * row last visited, Up/Down move between rows, Home/End and PageUp/PageDown jump, Left/Right
 * reach the row's links, boxes and buttons, Enter opens the row's link and Space ticks its box.
 * Without it, a table of 49 parents was 49 tab stops between the filters and « Aperçu ».
 *
 * Rows may come and go (a virtual list renders only those in view): the tab stop is kept by a
 * MutationObserver, and a jump to a row not rendered scrolls the list first, then focuses it.
 */
export interface GridKeyboardOptions {
  /** The body rows, as a selector (default: the rows of the table's <tbody>). */
  rows?: string;
}

const controls = 'a[href], button, input, select, textarea, [tabindex]:not([data-grid-row])';
/** Where arrow keys already mean something: leave them to the control. */
const ownsArrows = (target: Element) =>
  target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type));

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

function scrollerOf(node: HTMLElement): HTMLElement | null {
  for (let element: HTMLElement | null = node; element; element = element.parentElement) {
    const { overflowY } = getComputedStyle(element);
    if ((overflowY === 'auto' || overflowY === 'scroll') && element.scrollHeight > element.clientHeight) return element;
  }
  return null;
}

export function gridKeyboard(node: HTMLElement, options: GridKeyboardOptions = {}): ActionReturn<GridKeyboardOptions> {
  let selector = options.rows ?? ':scope > tbody > tr';
  let active: HTMLElement | null = null;
  let queued = false;

  const rows = () => [...node.querySelectorAll<HTMLElement>(selector)];
  const cellsOf = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>(controls)].filter((element) => !element.hasAttribute('disabled'));
  const setTabIndex = (element: HTMLElement, value: number) => {
    if (element.tabIndex !== value || !element.hasAttribute('tabindex')) element.tabIndex = value;
  };

  /** One tab stop: the active row (or the first), every other row and every control in a row out of the Tab order. */
  function sync(): void {
    queued = false;
    const all = rows();
    if (!active || !active.isConnected || !all.includes(active)) active = all[0] ?? null;
    for (const row of all) {
      row.dataset['gridRow'] = '';
      setTabIndex(row, row === active ? 0 : -1);
      for (const cell of row.querySelectorAll<HTMLElement>(controls)) setTabIndex(cell, -1);
    }
  }
  const queueSync = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(sync);
  };

  function focusRow(row: HTMLElement, column: number): void {
    active = row;
    sync();
    const target = column >= 0 ? (cellsOf(row)[column] ?? row) : row;
    target.focus();
  }

  /** The row `steps` away (negative: up), scrolling a virtual list until it is rendered. */
  async function move(from: HTMLElement, steps: number | 'first' | 'last', column: number): Promise<void> {
    let all = rows();
    const at = all.indexOf(from);
    let target = steps === 'first' ? all[0] : steps === 'last' ? all.at(-1) : all[Math.max(0, Math.min(all.length - 1, at + steps))];
    const scroller = scrollerOf(node);
    // A virtual list holds only the rows near the view: scroll to the target's place, then look again.
    const wanted = typeof steps === 'number' ? Number(from.getAttribute('aria-rowindex')) + steps : NaN;
    const missing = steps === 'first' || steps === 'last' || (Number.isFinite(wanted) && target?.getAttribute('aria-rowindex') !== String(wanted));
    if (scroller && missing && node.contains(scroller)) {
      const rowHeight = from.offsetHeight || 1;
      if (steps === 'first') scroller.scrollTop = 0;
      else if (steps === 'last') scroller.scrollTop = scroller.scrollHeight;
      else scroller.scrollTop += steps * rowHeight;
      await nextFrame();
      all = rows();
      const found = all.find((row) => row.getAttribute('aria-rowindex') === String(wanted));
      target = steps === 'first' ? all[0] : steps === 'last' ? all.at(-1) : (found ?? (steps > 0 ? all.at(-1) : all[0]));
    }
    if (target) focusRow(target, column);
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || !(event.target instanceof HTMLElement)) return;
    const row = rows().find((candidate) => candidate.contains(event.target as Node));
    if (!row || ownsArrows(event.target)) return;
    const onRow = event.target === row;
    const cells = cellsOf(row);
    const column = onRow ? -1 : cells.indexOf(event.target);
    const scroller = scrollerOf(node);
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? window.innerHeight) / (row.offsetHeight || 1)) - 1);
    switch (event.key) {
      case 'ArrowDown':
        void move(row, 1, column);
        break;
      case 'ArrowUp':
        void move(row, -1, column);
        break;
      case 'PageDown':
        void move(row, page, column);
        break;
      case 'PageUp':
        void move(row, -page, column);
        break;
      case 'Home':
        void move(row, 'first', column);
        break;
      case 'End':
        void move(row, 'last', column);
        break;
      case 'ArrowRight':
        (cells[column + 1] ?? event.target).focus();
        break;
      case 'ArrowLeft':
        (column <= 0 ? row : (cells[column - 1] ?? row)).focus();
        break;
      case 'Enter':
        if (!onRow) return;
        row.querySelector<HTMLElement>('a[href]')?.click();
        break;
      case ' ':
        if (!onRow) return;
        row.querySelector<HTMLInputElement>('input[type="checkbox"]:not(:disabled)')?.click();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  function onFocusin(event: FocusEvent): void {
    const row = rows().find((candidate) => candidate.contains(event.target as Node));
    if (row && row !== active) {
      active = row;
      sync();
    }
  }

  const observer = new MutationObserver(queueSync);
  observer.observe(node, { childList: true, subtree: true });
  node.addEventListener('keydown', onKeydown);
  node.addEventListener('focusin', onFocusin);
  sync();

  return {
    update(next) {
      selector = next.rows ?? selector;
      queueSync();
    },
    destroy() {
      observer.disconnect();
      node.removeEventListener('keydown', onKeydown);
      node.removeEventListener('focusin', onFocusin);
    },
  };
}
