"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import type { UnknownIdsChoice } from "./unknown-ids-dialog";

/** The question itself, a modal `<dialog>` (focus stays in it, Esc cancels), shown as soon as it mounts. */
export function UnknownIdsModal({ unknown, total, onAnswer }: { unknown: number; total: number; onAnswer: (choice: UnknownIdsChoice) => void }) {
  const t = useTranslations("AddUnknown");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);
  // Closed before it goes, so the browser gives focus back to where it was.
  const answer = (choice: UnknownIdsChoice) => {
    ref.current?.close();
    onAnswer(choice);
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="unknown-ids-title"
      onCancel={() => answer(null)}
      className="m-auto max-w-md rounded-lg bg-neutral-900 p-5 text-neutral-100 shadow-xl ring-1 ring-white/15 backdrop:bg-black/60"
    >
      <h2 id="unknown-ids-title" className="mb-2 text-base font-semibold">
        {t("title", { unknown, total })}
      </h2>
      <p className="mb-4 text-sm text-neutral-300">{t("body")}</p>
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonSecondary} onClick={() => answer(null)}>
          {t("cancel")}
        </button>
        <button type="button" className={buttonSecondary} onClick={() => answer("all")}>
          {t("all", { count: total })}
        </button>
        <button type="button" className={buttonPrimary} onClick={() => answer("found")} autoFocus>
          {t("found", { count: total - unknown })}
        </button>
      </div>
    </dialog>
  );
}
