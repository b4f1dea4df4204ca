"use client";

import { useTranslations } from "next-intl";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { copyText } from "@/lib/client/clipboard";

/** Copies `text` and says so for two seconds; a refusal is said too, never swallowed. */
export function CopyButton({ text, label, className = "" }: { text: string; label: string; className?: string }) {
  const t = useTranslations("Copy");
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    setStatus((await copyText(text)) ? "copied" : "failed");
    setTimeout(() => setStatus("idle"), 2_000);
  }
  return (
    <button type="button" onClick={copy} className={className}>
      {status === "copied" ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      <span>{status === "copied" ? t("copied") : label}</span>
      <span role="status" className="sr-only">
        {status === "failed" ? t("failed") : ""}
      </span>
    </button>
  );
}
