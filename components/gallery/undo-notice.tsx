"use client";

import { useTranslations } from "next-intl";

interface Props {
  /** How many items wait for their removal; 0 shows `message` alone (or nothing). */
  count: number;
  message: string;
  onUndo: () => void;
  onHold: (held: boolean) => void;
}

/**
 * The gallery's one live notice: "Removed N tasks · Undo", or an error. Always in the page, so
 * screen readers announce what appears in it; its time stands still while it is hovered or focused.
 */
export function UndoNotice({ count, message, onUndo, onHold }: Props) {
  const t = useTranslations("Gallery");
  return (
    <div
      role="status"
      data-undo-notice
      // In the view's BottomDock: a card far down the page was removed where the reader looks.
      className="dock-notice"
      // A real movement, not pointerenter: the notice often appears where the pointer rests (the
      // selection's Remove button was there), and must not stand still for a pointer nobody moved.
      onPointerMove={() => onHold(true)}
      onPointerLeave={() => onHold(false)}
      onFocus={() => onHold(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onHold(false);
      }}
    >
      {count > 0 ? (
        <>
          <span>{t("removed", { count })}</span>
          <button type="button" className="font-medium underline underline-offset-4" onClick={onUndo}>
            {t("undo")}
          </button>
        </>
      ) : (
        message && <span>{message}</span>
      )}
    </div>
  );
}
