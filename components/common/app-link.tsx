"use client";

import { useRouter } from "next/navigation";
import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { restartPage } from "@/lib/client/page-restart";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string };

/**
 * A link to a page of the app: a plain <a> that the app router follows without reloading the page,
 * prefetching the page when it is pointed at, touched or focused. next/link does this and more
 * (prefetching whatever scrolls into view), but it would be in every page's first load, which the
 * performance budget counts; these few links do not need the rest. Followed to the address already
 * shown, it asks that page to start afresh (lib/client/page-restart.ts).
 */
export function AppLink({ href, onClick, onPointerEnter, onTouchStart, onFocus, ...rest }: Props) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);

  function follow(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    // A new tab, a new window, a download or another target is the browser's business.
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    if (event.defaultPrevented || modified || (rest.target && rest.target !== "_self") || rest.download !== undefined) return;
    event.preventDefault();
    // The router does nothing a page can observe for the address already shown: the page is told.
    if (window.location.pathname + window.location.search === href) restartPage(href);
    router.push(href);
  }

  return (
    <a
      href={href}
      {...rest}
      onClick={follow}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        prefetch();
      }}
      onTouchStart={(event) => {
        onTouchStart?.(event);
        prefetch();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        prefetch();
      }}
    />
  );
}
