// Shared class strings so every control looks and focuses the same way.
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400";
export const buttonBase = `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:opacity-50 ${focusRing}`;
export const buttonPrimary = `${buttonBase} bg-sky-500 text-neutral-950 hover:bg-sky-400`;
export const buttonSecondary = `${buttonBase} border border-white/15 bg-white/5 text-neutral-100 hover:bg-white/10`;
export const buttonDanger = `${buttonBase} border border-red-400/40 bg-red-500/10 text-red-200 hover:bg-red-500/20`;

/** A toolbar's filter chip (state, favourites), pressed or not. */
export const chipClass = (pressed: boolean): string =>
  `rounded-full px-3 py-1 text-xs font-medium transition-colors ${focusRing} ${
    pressed ? "bg-neutral-100 text-neutral-950" : "bg-white/5 text-neutral-300 hover:bg-white/10"
  }`;

/** A toolbar's search box and select. */
export const searchFieldClass = `w-full rounded-md border border-white/15 bg-neutral-900 px-3 py-1.5 text-sm placeholder:text-neutral-500 sm:w-56 ${focusRing}`;
export const selectClass = `rounded-md border border-white/15 bg-neutral-900 px-2 py-1.5 text-sm text-neutral-100 ${focusRing}`;

/** The one look of a favourite's star: the tile's button, its mark on a narrow tile, the menu and the player. */
export const favoriteStarClass = (on: boolean): string => `size-4 ${on ? "fill-amber-300 text-amber-300" : ""}`;
