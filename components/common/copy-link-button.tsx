"use client";

import { Check, Link as LinkIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { absoluteUrl, shareOrCopy, type ShareOutcome } from "@/lib/client/clipboard";

type Status = "idle" | ShareOutcome;

/**
 * Opens the share sheet where there is one, else copies an absolute link; where the clipboard is
 * refused, shows the link selected for copying by hand.
 */
export function CopyLinkButton({ path, label, className = "" }: { path: string; label?: string; className?: string }) {
  const t = useTranslations("CopyLink");
  const [status, setStatus] = useState<Status>("idle");
  const [url, setUrl] = useState("");

  async function copy() {
    const link = absoluteUrl(path);
    setUrl(link);
    setStatus(await shareOrCopy(link, document.title));
  }

  const done = status === "copied" || status === "shared";
  const Icon = done ? Check : LinkIcon;
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className={`inline-flex items-center gap-1.5 ${className}`}>
        <Icon aria-hidden className="h-4 w-4" />
        {status === "copied" ? t("copied") : status === "shared" ? t("shared") : (label ?? t("copy"))}
      </button>
      <span role="status" className="sr-only">
        {status === "copied" ? t("copiedStatus") : ""}
      </span>
      {status === "manual" && (
        <input
          readOnly
          value={url}
          aria-label={t("manual")}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          className="w-64 rounded-md border border-white/15 bg-neutral-900 px-2 py-1 text-xs text-neutral-200"
        />
      )}
    </span>
  );
}
