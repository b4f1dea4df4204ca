"use client";

import { AppLink } from "@/components/common/app-link";
import { usePathname } from "next/navigation";

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
      >
        {label}
      </AppLink>
    );
  });
}
