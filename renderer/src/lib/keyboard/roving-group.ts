import type { ActionReturn } from 'svelte/action';

/**
 * A group of many boxes (the classes of a collège: thirty and more) as one tab stop, like a
 * radio group: Tab enters on the box last visited, the arrows and Home/End move between boxes,
 * Space ticks as always. The boxes stay native checkboxes in their fieldset.
 */
export function rovingGroup(node: HTMLElement, selector = 'input[type="checkbox"]'): ActionReturn<string> {
  let active: HTMLElement | null = null;
  let queued = false;
  const items = () => [...node.querySelectorAll<HTMLElement>(selector)].filter((item) => !item.hasAttribute('disabled'));

  function sync(): void {
    queued = false;
    const all = items();
    if (!active || !all.includes(active)) active = all[0] ?? null;
    for (const item of all) {
      const value = item === active ? 0 : -1;
      if (item.tabIndex !== value || !item.hasAttribute('tabindex')) item.tabIndex = value;
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const all = items();
    const at = all.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const step: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -all.length, End: all.length };
    const by = step[event.key];
    if (by === undefined) return;
    event.preventDefault();
    active = all[Math.max(0, Math.min(all.length - 1, at + by))] ?? null;
    sync();
    active?.focus();
  }

  function onFocusin(event: FocusEvent): void {
    if (event.target instanceof HTMLElement && event.target !== active && items().includes(event.target)) {
      active = event.target;
      sync();
    }
  }

  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(sync);
  });
  observer.observe(node, { childList: true, subtree: true });
  node.addEventListener('keydown', onKeydown);
  node.addEventListener('focusin', onFocusin);
  sync();

  return {
    update(next) {
      selector = next;
      sync();
    },
    destroy() {
      observer.disconnect();
      node.removeEventListener('keydown', onKeydown);
      node.removeEventListener('focusin', onFocusin);
    },
  };
}
