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
      // At the foot of the screen: a card far down the page was removed where the reader looks.
      className="fixed bottom-4 left-1/2 z-30 flex max-w-[calc(100vw-2rem)] -translate-x-1/2 items-center gap-4 rounded-lg bg-neutral-900 px-4 py-2.5 text-sm text-neutral-100 shadow-lg ring-1 ring-white/15 empty:hidden"
      onPointerEnter={() => onHold(true)}
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
