"use client";

import { MoreVertical } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { focusRing } from "@/components/common/button-styles";
import { taskPath } from "@/lib/shared/links";

interface Props {
  id: string;
  title: string;
  tabIndex: 0 | -1;
  onRemove: (id: string) => void;
  className?: string;
}

const ITEM = `flex w-full items-center px-3 py-2.5 text-left text-sm text-neutral-100 hover:bg-white/10 focus:bg-white/10 focus:outline-none`;
const GAP = 4;

/**
 * A card's menu ("⋯"): where removal lives on touch screens, out of reach of a stray tap on the
 * card's face. A popover, so it sits in the top layer above the grid's rows (each its own stacking
 * context) and closes on a tap elsewhere or Esc by itself; arrows move between its items.
 */
export function CardMenu({ id, title, tabIndex, onRemove, className = "" }: Props) {
  const t = useTranslations("Card");
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    const onBeforeToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== "open" || !button.current) return;
      // Under the button, right edges aligned, kept on screen.
      const box = button.current.getBoundingClientRect();
      element.style.top = `${Math.min(box.bottom + GAP, window.innerHeight - 120)}px`;
      element.style.right = `${Math.max(GAP, window.innerWidth - box.right)}px`;
    };
    const onToggle = (event: Event) => {
      const opened = (event as ToggleEvent).newState === "open";
      setOpen(opened);
      if (opened) element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    };
    element.addEventListener("beforetoggle", onBeforeToggle);
    element.addEventListener("toggle", onToggle);
    return () => {
      element.removeEventListener("beforetoggle", onBeforeToggle);
      element.removeEventListener("toggle", onToggle);
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    // Fixed in the top layer: once the card scrolls, the menu would float away from it.
    const close = () => menu.current?.hidePopover();
    window.addEventListener("scroll", close, { passive: true, once: true });
    return () => window.removeEventListener("scroll", close);
  }, [open]);

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      items[(move[event.key]! + items.length) % items.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      menu.current?.hidePopover();
      button.current?.focus();
    } else if (event.key === "Tab") {
      menu.current?.hidePopover();
    }
  }

  return (
    <div className={className}>
      <button
        ref={button}
        type="button"
        tabIndex={tabIndex}
        aria-label={t("menu", { title })}
        aria-haspopup="menu"
        aria-expanded={open}
        popoverTarget={menuId}
        className={`grid size-9 place-items-center rounded-full bg-black/50 text-white backdrop-blur ${focusRing}`}
      >
        <MoreVertical aria-hidden className="size-4" />
      </button>
      <div
        ref={menu}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={t("menu", { title })}
        onKeyDown={onMenuKeyDown}
        className="fixed inset-auto m-0 min-w-44 overflow-hidden rounded-md bg-neutral-900 p-0 py-1 shadow-lg ring-1 ring-white/15"
      >
        <Link role="menuitem" tabIndex={-1} href={taskPath(id)} className={ITEM}>
          {t("openPage")}
        </Link>
        <button
          role="menuitem"
          tabIndex={-1}
          type="button"
          className={`${ITEM} text-red-200`}
          onClick={() => {
            menu.current?.hidePopover();
            onRemove(id);
          }}
        >
          {t("removeItem")}
        </button>
      </div>
    </div>
  );
}
