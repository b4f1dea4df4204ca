"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { buttonSecondary } from "@/components/common/button-styles";
import { addToServerLibrary, allLibraryIds } from "@/lib/client/library-api";
import { useLibraryMembership } from "@/lib/client/use-library-membership";

const NONE: ReadonlySet<string> = new Set();

// The file format's code comes with the first export or import, not with the page.
const loadFileFormat = () => import("@/lib/client/library");

/** Export the library's ids as a JSON file, and import such a file into it; in the demo, add its tasks again. */
export function LibraryActions({ onImported, demoIds }: { onImported: () => void; demoIds: readonly string[] }) {
  const t = useTranslations("Gallery");
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState("");
  const held = useLibraryMembership(demoIds, NONE);
  // Offered while the library lacks some of them; once pressed it stays, so focus stays on it.
  const [demoPressed, setDemoPressed] = useState(false);
  const offerDemo = demoIds.length > 0 && (demoPressed || demoIds.some((id) => !held.has(id)));

  async function download() {
    try {
      const [ids, { exportLibrary }] = await Promise.all([allLibraryIds(), loadFileFormat()]);
      const blob = new Blob([exportLibrary(ids)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `luma-gallery-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  async function add(ids: string[], source: "import" | "paste", worded: (added: number) => string) {
    try {
      const { added } = await addToServerLibrary(ids, source);
      setMessage(worded(added));
      onImported();
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  async function importFile(file: File) {
    const { parseLibraryImport } = await loadFileFormat();
    const result = parseLibraryImport(await file.text());
    if (!result.ok) setMessage(result.error);
    else await add(result.ids, "import", (added) => t("imported", { count: added, skipped: result.skipped }));
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {offerDemo && (
        <button
          type="button"
          onClick={() => {
            setDemoPressed(true);
            void add([...demoIds], "paste", (added) => (added === 0 ? t("alreadyThere") : t("addedCount", { count: added })));
          }}
          className={buttonSecondary}
        >
          {t("addDemoShort")}
        </button>
      )}
      <button type="button" onClick={download} className={buttonSecondary}>
        {t("export")}
      </button>
      <button type="button" onClick={() => fileRef.current?.click()} className={buttonSecondary}>
        {t("import")}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        aria-label={t("importFile")}
        className="hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
          e.target.value = "";
        }}
      />
      {/* Out of the row while empty (no gap after the last button), yet rendered, so what it later says is announced. */}
      <p role="status" className="text-xs text-neutral-400 empty:absolute">
        {message}
      </p>
    </div>
  );
}
