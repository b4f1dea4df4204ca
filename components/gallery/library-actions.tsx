"use client";

import { useRef, useState } from "react";
import { buttonDanger, buttonSecondary } from "@/components/common/button-styles";
import { exportLibrary, parseLibraryImport } from "@/lib/client/library";

interface LibraryActionsProps {
  ids: readonly string[];
  onImport: (ids: string[]) => number;
  onClear: () => void;
}

/** Export / import a JSON file of ids, and clearing with an explicit second step. */
export function LibraryActions({ ids, onImport, onClear }: LibraryActionsProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState("");

  function download() {
    const blob = new Blob([exportLibrary(ids)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `luma-gallery-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function importFile(file: File) {
    const result = parseLibraryImport(await file.text());
    if (!result.ok) {
      setMessage(result.error);
      return;
    }
    const added = onImport(result.ids);
    setMessage(`Imported ${added} new task${added === 1 ? "" : "s"}${result.skipped ? `, skipped ${result.skipped} invalid entr${result.skipped === 1 ? "y" : "ies"}` : ""}.`);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={download} disabled={ids.length === 0} className={buttonSecondary}>
        Export
      </button>
      <button type="button" onClick={() => fileRef.current?.click()} className={buttonSecondary}>
        Import
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        aria-label="Import a file of task ids"
        className="hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
          e.target.value = "";
        }}
      />
      {confirming ? (
        <span className="flex items-center gap-2 text-sm">
          <span className="text-neutral-300">Remove all {ids.length} tasks from this browser?</span>
          <button
            type="button"
            className={buttonDanger}
            onClick={() => {
              onClear();
              setConfirming(false);
              setMessage("Gallery cleared.");
            }}
          >
            Yes, clear
          </button>
          <button type="button" className={buttonSecondary} onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} disabled={ids.length === 0} className={buttonSecondary}>
          Clear…
        </button>
      )}
      <p role="status" className="text-xs text-neutral-400">
        {message}
      </p>
    </div>
  );
}
