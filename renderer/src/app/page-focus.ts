/**
 * After a move to another page, where the focus goes. Left on the menu link, Tab would walk the
 * menu, the quick search and the banner again before the page (five presses on every page, for
 * keyboard users); a screen reader would not hear that the page changed. So the focus goes to the
 * page's title — or the section the address names (`#/parametres/messagerie`) — unless the page,
 * or a link in it, already holds it.
 */
export function focusNewPage(main: HTMLElement, page: string): void {
  const focused = document.activeElement;
  if (focused && focused !== document.body && main.contains(focused)) return;
  const target = (page && document.getElementById(`${page}-title`)) || main.querySelector('h1, h2');
  if (!(target instanceof HTMLElement)) return;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}
