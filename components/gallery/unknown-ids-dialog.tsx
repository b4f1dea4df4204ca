"use client";

import dynamic from "next/dynamic";
import { useCallback, useState, type ReactNode } from "react";

// Asked rarely (only when some pasted ids are unknown): its code comes when it is.
const UnknownIdsModal = dynamic(() => import("./unknown-ids-modal").then((m) => m.UnknownIdsModal), { ssr: false });

export type UnknownIdsChoice = "all" | "found" | null;

/** Which of a set of ids join the gallery: these, none because none is known, or none because the person cancelled. */
export type IdsToAdd = { ids: string[] } | "none-known" | "cancelled";

interface Question {
  unknown: number;
  total: number;
  answer: (choice: UnknownIdsChoice) => void;
}

/**
 * Asks before ids the gateway does not know join the gallery ("3 of these 10 ids were not found.
 * Add them anyway?"): `choose` resolves to the ids to add, "none-known" or "cancelled"; `dialog`
 * is the question while it is asked.
 */
export function useUnknownIdsQuestion(): {
  choose: (ids: readonly string[], isUnknown: (id: string) => boolean) => Promise<IdsToAdd>;
  dialog: ReactNode;
} {
  const [question, setQuestion] = useState<Question | null>(null);

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

  const answer = (choice: UnknownIdsChoice) => {
    question?.answer(choice);
    setQuestion(null);
  };

  const dialog = question ? <UnknownIdsModal unknown={question.unknown} total={question.total} onAnswer={answer} /> : null;
  return { choose, dialog };
}
