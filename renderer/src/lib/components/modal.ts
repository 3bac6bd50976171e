import type { ActionReturn } from 'svelte/action';

/**
 * Opens and closes a native <dialog> as modal from a boolean. The native dialog traps the focus,
 * closes on Esc and makes the page inert; on closing, the focus goes back to what opened it
 * (the button « Aperçu », « Annuler cet import… »), not to the top of the page.
 */
export function modal(dialog: HTMLDialogElement, open: boolean): ActionReturn<boolean> {
  let opener: HTMLElement | null = null;

  function follow(wanted: boolean): void {
    if (wanted && !dialog.open) {
      const focused = document.activeElement;
      opener = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      dialog.showModal();
    }
    if (!wanted && dialog.open) dialog.close();
  }

  // Only when nothing else took the focus meanwhile: an action of the dialog may have moved it on purpose.
  function onClose(): void {
    const back = opener;
    opener = null;
    const focused = document.activeElement;
    if (back?.isConnected && (!focused || focused === document.body || dialog.contains(focused))) back.focus();
  }

  dialog.addEventListener('close', onClose);
  follow(open);
  return {
    update: follow,
    destroy: () => dialog.removeEventListener('close', onClose),
  };
}
