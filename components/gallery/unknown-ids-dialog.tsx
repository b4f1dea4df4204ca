"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";

type UnknownIdsChoice = "all" | "found" | null;

/** Which of a set of ids join the gallery: these, none because none is known, or none because the person cancelled. */
export type IdsToAdd = { ids: string[] } | "none-known" | "cancelled";

interface Question {
  unknown: number;
  total: number;
  answer: (choice: UnknownIdsChoice) => void;
}

/**
 * Asks before ids the gateway does not know join the gallery ("3 of these 10 ids were not found.
 * Add them anyway?"): `choose` resolves to the ids to add, "none-known" or "cancelled". A modal
 * `<dialog>`, so focus stays in it and Esc cancels.
 */
export function useUnknownIdsQuestion(): {
  choose: (ids: readonly string[], isUnknown: (id: string) => boolean) => Promise<IdsToAdd>;
  dialog: ReactNode;
} {
  const t = useTranslations("AddUnknown");
  const [question, setQuestion] = useState<Question | null>(null);
  const ref = useRef<HTMLDialogElement>(null);

  const ask = useCallback(
    (unknown: number, total: number) => new Promise<UnknownIdsChoice>((resolve) => setQuestion({ unknown, total, answer: resolve })),
    [],
  );

  // Known ids join as they are; unknown ones only when the person says so (nothing when none is known).
  const choose = useCallback(
    async (ids: readonly string[], isUnknown: (id: string) => boolean): Promise<IdsToAdd> => {
      const known = ids.filter((id) => !isUnknown(id));
      if (known.length === 0) return "none-known";
      if (known.length === ids.length) return { ids: known };
      const choice = await ask(ids.length - known.length, ids.length);
      if (choice === "all") return { ids: [...ids] };
      if (choice === "found") return { ids: known };
      return "cancelled";
    },
    [ask],
  );

  useEffect(() => {
    if (question && !ref.current?.open) ref.current?.showModal();
  }, [question]);

  const answer = (choice: UnknownIdsChoice) => {
    question?.answer(choice);
    setQuestion(null);
    ref.current?.close();
  };

  const dialog = (
    <dialog
      ref={ref}
      aria-labelledby="unknown-ids-title"
      onCancel={() => answer(null)}
      className="m-auto max-w-md rounded-lg bg-neutral-900 p-5 text-neutral-100 shadow-xl ring-1 ring-white/15 backdrop:bg-black/60"
    >
      {question && (
        <>
          <h2 id="unknown-ids-title" className="mb-2 text-base font-semibold">
            {t("title", { unknown: question.unknown, total: question.total })}
          </h2>
          <p className="mb-4 text-sm text-neutral-300">{t("body")}</p>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={buttonSecondary} onClick={() => answer(null)}>
              {t("cancel")}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => answer("all")}>
              {t("all", { count: question.total })}
            </button>
            <button type="button" className={buttonPrimary} onClick={() => answer("found")} autoFocus>
              {t("found", { count: question.total - question.unknown })}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
  return { choose, dialog };
}
