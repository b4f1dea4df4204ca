"use client";

import type { MouseEvent } from "react";

/**
 * The first tab stop. Where the page shows a grid of tasks it lands on the grid's one tab stop
 * (its first card, or the card last used), so Tab then Enter reaches the videos on every view;
 * elsewhere, and without JavaScript, it goes to the page's content.
 */
export function SkipLink({ label }: { label: string }) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    const card = document.querySelector<HTMLElement>('#content [role="grid"] [data-grid-index][tabindex="0"]');
    if (!card) return;
    event.preventDefault();
    card.focus();
  }
  return (
    <a
      href="#content"
      onClick={onClick}
      className="sr-only rounded-md bg-sky-500 px-3 py-2 text-sm font-medium text-neutral-950 focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50"
    >
      {label}
    </a>
  );
}
