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
      className="skip-link"
    >
      {label}
    </a>
  );
}
