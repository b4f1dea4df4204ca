import type { ReactNode } from "react";

/**
 * The foot of the screen, where a selection's actions and the live notice float over the page:
 * out of the flow, so showing them moves no card, and clear of the sticky header, which covers the
 * top of the screen on a phone. They stack rather than cover each other.
 */
export function BottomDock({ children }: { children: ReactNode }) {
  return (
    <div className="dock">{children}</div>
  );
}

/** Room at the end of a page under the dock, so it does not cover the last row once scrolled there. */
export function BottomDockSpace() {
  return <div aria-hidden className="h-20" />;
}
