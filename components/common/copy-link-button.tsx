"use client";

import { useState } from "react";
import { absoluteUrl, copyText } from "@/lib/client/clipboard";

type Status = "idle" | "copied" | "manual";

/** Copies an absolute link; where the clipboard is refused, shows the link selected for copying by hand. */
export function CopyLinkButton({ path, label, className = "" }: { path: string; label: string; className?: string }) {
  const [status, setStatus] = useState<Status>("idle");
  const [url, setUrl] = useState("");

  async function copy() {
    const link = absoluteUrl(path);
    setUrl(link);
    setStatus((await copyText(link)) ? "copied" : "manual");
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className={className}>
        {status === "copied" ? "Copied!" : label}
      </button>
      <span role="status" className="sr-only">
        {status === "copied" ? "Link copied to the clipboard" : ""}
      </span>
      {status === "manual" && (
        <input
          readOnly
          value={url}
          aria-label="Link to copy"
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          className="w-64 rounded-md border border-white/15 bg-neutral-900 px-2 py-1 text-xs text-neutral-200"
        />
      )}
    </span>
  );
}
