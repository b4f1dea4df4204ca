"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { focusRing } from "@/components/common/button-styles";
import { CopyButton } from "@/components/common/copy-button";
import { LocalTime } from "@/components/common/local-time";
import { useElapsed } from "@/lib/client/use-elapsed";
import { useTaskFormat } from "@/lib/client/use-task-format";
import { taskResolution } from "@/lib/shared/format";
import { isFinished, type Task } from "@/lib/shared/task";


/** Everything known about a task: the whole prompt, its numbers and times, and the raw JSON. */
export function TaskDetails({ task }: { task: Task }) {
  const t = useTranslations("Details");
  const fmt = useTaskFormat();
  const elapsed = useElapsed(task.createdAt, !isFinished(task));
  // A null value is one the gateway did not give; the elapsed time is only empty until the browser's clock runs.
  const rows: [string, ReactNode][] = [
    [t("model"), task.model],
    [t("resolution"), taskResolution(task)],
    [t("aspectRatio"), task.aspectRatio],
    [t("duration"), fmt.duration(task.video?.duration)],
    [t("created"), task.createdAt ? <LocalTime iso={task.createdAt} /> : null],
    isFinished(task)
      ? [t("finished"), task.finishedAt ? <LocalTime iso={task.finishedAt} /> : null]
      : [t("elapsed"), <span key="elapsed" data-elapsed className="tabular-nums">{elapsed}</span>],
  ];
  const small = `inline-flex items-center gap-1 rounded-md border border-white/15 bg-white/5 px-2 py-1 text-xs text-neutral-100 hover:bg-white/10 ${focusRing}`;
  return (
    <div className="space-y-4">
      <section aria-label={t("prompt")} className="space-y-2">
        <p data-prompt className="whitespace-pre-wrap break-words text-base leading-relaxed text-neutral-100 select-text">
          {task.prompt ?? <span className="text-neutral-400">{t("noPrompt")}</span>}
        </p>
        {task.prompt && <CopyButton text={task.prompt} label={t("copyPrompt")} className={small} />}
      </section>

      {task.state === "failed" && (
        <p className="rounded-md border border-red-500/30 bg-red-500/10 px-3 py-2 text-sm text-red-200">
          <span className="font-semibold">{t("failure")}</span>
          {task.failureReason ?? t("noReason")}
        </p>
      )}

      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {/* What the gateway does not say is said to be missing, not left as a blank that reads as a
            glitch: many gateways never give a model or a finish time. */}
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-neutral-400">{term}</dt>
            <dd className="text-neutral-100">{value ?? <span className="text-neutral-400">{t("notGiven")}</span>}</dd>
          </div>
        ))}
        <dt className="text-neutral-400">{t("taskId")}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span className="break-all font-mono text-xs leading-5 text-neutral-300 select-text">{task.id}</span>
          <CopyButton text={task.id} label={t("copyId")} className={small} />
        </dd>
      </dl>

      <details className="rounded-md border border-white/10 text-sm">
        <summary className="cursor-pointer px-3 py-2 text-neutral-300 hover:text-white">{t("raw")}</summary>
        <pre className="max-h-80 overflow-auto border-t border-white/10 p-3 font-mono text-xs leading-5 text-neutral-300 select-text">
          {JSON.stringify(task, null, 2)}
        </pre>
      </details>
    </div>
  );
}
