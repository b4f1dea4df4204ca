// Shared class names so every control looks and focuses the same way; their rules are in app/controls.css.
export const focusRing = "focus-ring";
export const buttonPrimary = "btn btn-primary focus-ring";
export const buttonSecondary = "btn btn-secondary focus-ring";
export const buttonDanger = "btn btn-danger focus-ring";

/** A toolbar's filter chip (state, favourites); it reads pressed from its aria-pressed. */
export const chipClass = "chip focus-ring";

/** A toolbar's search box and select. */
export const searchFieldClass = "field focus-ring";
export const selectClass = "select focus-ring";

/** The one look of a favourite's star: the tile's button, its mark on a narrow tile, the menu and the player. */
export const favoriteStarClass = (on: boolean): string => `size-4 ${on ? "fill-amber-300 text-amber-300" : ""}`;
