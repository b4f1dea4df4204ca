"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonPrimary, focusRing } from "@/components/common/button-styles";
import { addToServerLibrary } from "@/lib/client/library-api";
import { findUnknownIds } from "@/lib/client/unknown-ids";
import { useEarlyInput } from "@/lib/client/use-early-input";
import { extractTaskIds } from "@/lib/shared/ids";
import { useUnknownIdsQuestion } from "./unknown-ids-dialog";

/**
 * A paste box: anything (ids, links, logs, JSON) goes in, every task id in it joins the library;
 * ids the gateway does not know join only when the person says so.
 */
export function AddIdsForm({ onAdded }: { onAdded: () => void }) {
  const t = useTranslations("Gallery");
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const found = extractTaskIds(text);
  const unknownIds = useUnknownIdsQuestion();
  const field = useEarlyInput<HTMLTextAreaElement>(setText);

  // The ids to add: all of them, only the known ones, or none (cancelled, or none is known).
  async function choose(ids: string[]): Promise<string[]> {
    const unknown = new Set(await findUnknownIds(ids));
    const chosen = await unknownIds.choose(ids, (id) => unknown.has(id));
    if (chosen === "none-known") setMessage(t("noneKnown"));
    return typeof chosen === "string" ? [] : chosen.ids;
  }

  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-start"
      onSubmit={async (e) => {
        e.preventDefault();
        if (found.length === 0) {
          setMessage(t("noIdsFound"));
          return;
        }
        setBusy(true);
        try {
          const wanted = await choose(found);
          if (wanted.length === 0) return;
          const { added } = await addToServerLibrary(wanted, "paste");
          setMessage(added === 0 ? t("alreadyThere") : t("addedCount", { count: added }));
          setText("");
          onAdded();
        } catch (error) {
          setMessage((error as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <textarea
        ref={field}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={1}
        aria-label={t("idsToAdd")}
        placeholder={t("pastePlaceholder")}
        className={`ids-field ${focusRing}`}
      />
      <button type="submit" className={buttonPrimary} disabled={text.trim() === "" || busy}>
        {t("addToGallery")}
        {found.length > 0 ? ` (${found.length})` : ""}
      </button>
      <p role="status" className="self-center text-xs text-neutral-400">
        {message}
      </p>
      {unknownIds.dialog}
    </form>
  );
}
