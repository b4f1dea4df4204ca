"use client";

import { MoreVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useId, useRef, useState } from "react";
import { focusRing } from "@/components/common/button-styles";

// A grid shows dozens of cards and this menu is opened rarely: its code and markup come with the first tap.
const CardMenuPopover = dynamic(() => import("./card-menu-popover").then((m) => m.CardMenuPopover), { ssr: false });

interface Props {
  id: string;
  title: string;
  tabIndex: 0 | -1;
  onRemove: (id: string) => void;
  /** Offered in the menu too: a tile too narrow for its star shows only this menu. */
  favorite?: boolean;
  onFavorite?: (id: string) => void;
  className?: string;
}

/**
 * A card's menu ("⋯"): where removal lives on touch screens, out of reach of a stray tap on the
 * card's face, and the favourite and removal of tiles too narrow for their own buttons. A popover,
 * so it sits in the top layer above the grid's rows (each its own stacking context) and closes on a
 * tap elsewhere or Esc by itself; arrows move between its items.
 */
export function CardMenu({ id, title, tabIndex, onRemove, favorite, onFavorite, className = "" }: Props) {
  const t = useTranslations("Card");
  const [wanted, setWanted] = useState(false);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  return (
    <div className={className}>
      <button
        ref={button}
        type="button"
        tabIndex={tabIndex}
        aria-label={t("menu", { title })}
        aria-haspopup="menu"
        aria-expanded={open}
        popoverTarget={wanted ? menuId : undefined}
        onClick={() => setWanted(true)}
        className={`tile-button ${focusRing}`}
      >
        <MoreVertical aria-hidden className="size-4" />
      </button>
      {wanted && (
        <CardMenuPopover
          id={id}
          title={title}
          menuId={menuId}
          button={button}
          onRemove={onRemove}
          favorite={favorite}
          onFavorite={onFavorite}
          onOpenChange={setOpen}
        />
      )}
    </div>
  );
}
