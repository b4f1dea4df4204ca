"use client";

import { Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { AppLink } from "@/components/common/app-link";
import { favoriteStarClass } from "@/components/common/button-styles";
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { taskPath } from "@/lib/shared/links";

interface Props {
  id: string;
  title: string;
  menuId: string;
  button: RefObject<HTMLButtonElement | null>;
  onRemove: (id: string) => void;
  favorite?: boolean;
  onFavorite?: (id: string) => void;
  onOpenChange: (open: boolean) => void;
}

/** Every item of the menu, plain or checkable, in order. */
const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"]';

const ITEM = `flex w-full items-center px-3 py-2.5 text-left text-sm text-neutral-100 hover:bg-white/10 focus:bg-white/10 focus:outline-none`;
const GAP = 4;

/**
 * The menu of `CardMenu`, loaded the first time someone opens one: it opens as soon as it is
 * mounted, and later taps on the button toggle it natively (`popovertarget`).
 */
export function CardMenuPopover({ id, title, menuId, button, onRemove, favorite, onFavorite, onOpenChange }: Props) {
  const t = useTranslations("Card");
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

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
      onOpenChange(opened);
      if (opened) element.querySelector<HTMLElement>(ITEMS)?.focus();
    };
    element.addEventListener("beforetoggle", onBeforeToggle);
    element.addEventListener("toggle", onToggle);
    if (!element.matches(":popover-open")) element.showPopover();
    return () => {
      element.removeEventListener("beforetoggle", onBeforeToggle);
      element.removeEventListener("toggle", onToggle);
    };
  }, [button, onOpenChange]);

  useEffect(() => {
    if (!open) return;
    // Fixed in the top layer: once the card scrolls, the menu would float away from it.
    const close = () => menu.current?.hidePopover();
    window.addEventListener("scroll", close, { passive: true, once: true });
    return () => window.removeEventListener("scroll", close);
  }, [open]);

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
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
    <div
      ref={menu}
      id={menuId}
      popover="auto"
      role="menu"
      aria-label={t("menu", { title })}
      onKeyDown={onMenuKeyDown}
      className="fixed inset-auto m-0 min-w-44 overflow-hidden rounded-md bg-neutral-900 p-0 py-1 shadow-lg ring-1 ring-white/15"
    >
      {onFavorite && (
        <button
          role="menuitemcheckbox"
          aria-checked={favorite ?? false}
          tabIndex={-1}
          type="button"
          className={`${ITEM} gap-2`}
          onClick={() => {
            menu.current?.hidePopover();
            onFavorite(id);
          }}
        >
          <Star aria-hidden className={favoriteStarClass(favorite ?? false)} />
          {t("favorite")}
        </button>
      )}
      <AppLink role="menuitem" tabIndex={-1} href={taskPath(id)} className={ITEM}>
        {t("openPage")}
      </AppLink>
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
  );
}
