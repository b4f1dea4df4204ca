"use client";

import { AppLink } from "@/components/common/app-link";
import { usePathname } from "next/navigation";
import { restartPage } from "@/lib/client/page-restart";

/** The header's page links; the one for the page shown carries aria-current and looks current. */
export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return links.map(({ href, label }) => {
    const current = pathname === href;
    return (
      <AppLink
        key={href}
        href={href}
        aria-current={current ? "page" : undefined}
        className="nav-link"
        onNavigate={() => {
          if (window.location.pathname + window.location.search === href) restartPage(href);
        }}
      >
        {label}
      </AppLink>
    );
  });
}
