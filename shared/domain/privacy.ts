/** What the director types to confirm « Tout effacer » (end of the school year). */
export const eraseAllConfirmation = 'TOUT EFFACER';
