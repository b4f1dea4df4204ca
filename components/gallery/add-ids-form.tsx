"use client";

import { useState } from "react";
import { buttonPrimary, focusRing } from "@/components/common/button-styles";
import { extractTaskIds } from "@/lib/shared/ids";

/** A paste box: anything (ids, links, logs, JSON) goes in, every task id in it is added. */
export function AddIdsForm({ onAdd }: { onAdd: (ids: string[]) => number }) {
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");
  const found = extractTaskIds(text);

  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        if (found.length === 0) {
          setMessage("No task ids found in that text.");
          return;
        }
        const added = onAdd(found);
        setMessage(added === 0 ? "Those tasks are already in your gallery." : `Added ${added} task${added === 1 ? "" : "s"}.`);
        setText("");
      }}
    >
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={1}
        aria-label="Task ids to add"
        placeholder="Paste task ids, links or log lines…"
        className={`min-h-9 flex-1 resize-y rounded-md border border-white/15 bg-neutral-900 px-3 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-neutral-500 ${focusRing}`}
      />
      <button type="submit" className={buttonPrimary} disabled={text.trim() === ""}>
        Add to gallery{found.length > 0 ? ` (${found.length})` : ""}
      </button>
      <p role="status" className="self-center text-xs text-neutral-400">
        {message}
      </p>
    </form>
  );
}
