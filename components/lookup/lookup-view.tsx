"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from "react";
import { useUnknownIdsQuestion } from "@/components/gallery/unknown-ids-dialog";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { addToServerLibrary } from "@/lib/client/library-api";
import { useOnRestart } from "@/lib/client/page-restart";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { shareOrCopy } from "@/lib/client/clipboard";
import { useRuntimeConfig } from "@/lib/client/runtime-config";
import type { TaskLookup } from "@/lib/client/task-queries";
import { useEarlyInput } from "@/lib/client/use-early-input";
import { useLibraryMembership } from "@/lib/client/use-library-membership";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { extractTaskIds, parseIdsParam } from "@/lib/shared/ids";
import { fitsInLink, lookupPath, MAX_LINK_IDS, sharePath } from "@/lib/shared/links";
import { isFinished } from "@/lib/shared/task";
import { LookupResults } from "./lookup-results";

const PLACEHOLDER_EXAMPLES = `4665a07c-7641-4809-a133-10786201bb56
https://…/tasks/8B9A0F1E-2D3C-4B5A-8F6E-7D8C9B0A1F0E
{"id": "…", "state": "completed"}
2025-01-01T12:00:00Z INFO generation … submitted`;

/** A lookup's first ids: answered together (one upstream call), they fill more than a first screen. */
const FIRST_SCREEN_IDS = 50;
/**
 * How long a new lookup's cards wait for those answers before they show as stand-ins. A card's
 * size comes from its task: stand-ins are laid out at a guess and move when the answers come,
 * which usually takes less than this.
 */
const STAND_IN_DELAY_MS = 400;

function summarize(ids: readonly string[], tasks: TaskLookup) {
  let found = 0;
  let notFound = 0;
  let running = 0;
  for (const id of ids) {
    const task = tasks.get(id);
    if (task === null) notFound += 1;
    else if (task) {
      found += 1;
      if (!isFinished(task)) running += 1;
    }
  }
  return { found, notFound, running, waiting: ids.length - found - notFound };
}

/**
 * A lookup made on the page changes only the address (history.replaceState): the page already asks
 * for everything it shows, and a server render of the new address would ask the gateway and the
 * library a second time. So the ids come from the address, not from the server's props (Back to
 * the page restores the server's first render, without them), and an address this page did not
 * write (the nav's "Look up", a link) starts a fresh lookup, and so does the nav's "Look up" when the
 * address is already its own.
 */
export function LookupView() {
  const address = useSearchParams().getAll("ids").join(",");
  const [written, setWritten] = useState<string | null>(null);
  const [view, setView] = useState({ address, key: 0 });
  if (address !== view.address) {
    setView({ address, key: address === written ? view.key : view.key + 1 });
    setWritten(null);
  }
  // A lookup too long for a link keeps the address /lookup, which the nav's "Look up" does not change.
  useOnRestart("/lookup", () => {
    setView((current) => ({ ...current, key: current.key + 1 }));
    setWritten(null);
  });
  return (
    <Lookup
      key={view.key}
      initialIds={parseIdsParam(address)}
      onAddress={(path) => {
        setWritten(new URL(path, window.location.origin).searchParams.getAll("ids").join(","));
        window.history.replaceState(null, "", path);
      }}
    />
  );
}

function Lookup({ initialIds, onAddress }: { initialIds: string[]; onAddress: (path: string) => void }) {
  const t = useTranslations("Lookup");
  const { demoIds } = useRuntimeConfig();
  const fieldId = useId();
  const [text, setText] = useState(() => initialIds.join("\n"));
  const field = useEarlyInput<HTMLTextAreaElement>(setText);
  const [ids, setIds] = useState<string[]>(initialIds);
  const [lookups, setLookups] = useState(initialIds.length > 0 ? 1 : 0);
  // The lookup whose stand-ins are held back, for a moment, while its first answers come.
  const [holding, setHolding] = useState<number | null>(null);
  // What this page added to the library, and what the library held already (it is on the server).
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const held = useLibraryMembership(ids, added);
  const [notice, setNotice] = useState<string | null>(null);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const { tasks, error, poller } = useLiveTasks(ids);
  const summary = useMemo(() => summarize(ids, tasks), [ids, tasks]);
  const firstAnswered = useMemo(() => ids.slice(0, FIRST_SCREEN_IDS).every((id) => tasks.get(id) !== undefined), [ids, tasks]);
  const showCards = ids.length > 0 && (holding === null || firstAnswered);
  const unknownIds = useUnknownIdsQuestion();

  function lookUp(event?: FormEvent, value = text) {
    event?.preventDefault();
    const found = extractTaskIds(value);
    const run = lookups + 1;
    setIds(found);
    setLookups(run);
    setHolding(run);
    window.setTimeout(() => setHolding((current) => (current === run ? null : current)), STAND_IN_DELAY_MS);
    setNotice(null);
    setShareUrl(null);
    // The lookup is its own link (and survives a reload) when it fits in one.
    onAddress(fitsInLink(found) ? lookupPath(found) : "/lookup");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) lookUp();
  }

  async function add(toAdd: readonly string[]) {
    const chosen = await unknownIds.choose(toAdd, (id) => tasks.get(id) === null);
    if (chosen === "none-known") setNotice(t("noneKnown"));
    if (typeof chosen === "string") return;
    const wanted = chosen.ids;
    let fresh: number;
    try {
      fresh = (await addToServerLibrary(wanted, "lookup")).added;
    } catch (error) {
      setNotice((error as Error).message);
      return;
    }
    setAdded((current) => new Set([...current, ...wanted]));
    const already = wanted.length - fresh;
    const skipped = toAdd.length - wanted.length;
    const extras = [fresh > 0 && already > 0 && t("alreadyThere", { count: already }), skipped > 0 && t("skipped", { count: skipped })].filter(Boolean);
    const main = fresh === 0 ? t("alreadyAll") : t("addedCount", { count: fresh });
    setNotice(`${main}${extras.length > 0 ? ` (${extras.join("; ")})` : ""}.`);
  }

  async function share() {
    if (!fitsInLink(ids)) {
      setNotice(t("linkLimit", { max: MAX_LINK_IDS, count: ids.length }));
      return;
    }
    const url = new URL(sharePath(ids), window.location.origin).toString();
    setShareUrl(url);
    const outcome = await shareOrCopy(url);
    if (outcome === "cancelled") return;
    setNotice(t(outcome === "shared" ? "shared" : outcome === "copied" ? "copied" : "copyBelow"));
  }


  return (
    <section className="py-6">
      {poller}
      <h1 className="mb-1 text-xl font-semibold">{t("title")}</h1>
      <p className="mb-4 max-w-prose text-sm text-neutral-400">
        {t("intro")}
      </p>

      <form onSubmit={lookUp} className="mb-6 space-y-3">
        <label htmlFor={fieldId} className="block text-sm font-medium text-neutral-200">
          {t("label")}
        </label>
        <textarea
          ref={field}
          id={fieldId}
          name="ids"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder={`${t("placeholder")}\n${PLACEHOLDER_EXAMPLES}`}
          className="block w-full max-w-4xl resize-y rounded-md border border-white/15 bg-neutral-900 px-3 py-2 font-mono text-sm text-neutral-100 placeholder:text-neutral-500 focus:border-white/40 focus:outline-none"
        />
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonPrimary}>
            {t("submit")}
          </button>
          {/* No keyboard shortcut to speak of on a touch screen. */}
          <span data-shortcut-hint className="text-xs text-neutral-400 [@media(pointer:coarse)]:hidden">
            {t("shortcut")}
          </span>
        </div>
      </form>

      {ids.length === 0 && (
        <section aria-labelledby={`${fieldId}-what`} className="mb-6 max-w-prose space-y-2 rounded-lg border border-white/10 bg-white/5 p-4 text-sm">
          <h2 id={`${fieldId}-what`} className="font-medium text-neutral-100">
            {t("whatTitle")}
          </h2>
          <p className="text-neutral-300">{t("whatBody")}</p>
          <p className="text-neutral-300">{t("whereBody")}</p>
          {demoIds.length > 0 && (
            <button
              type="button"
              className={buttonSecondary}
              onClick={() => {
                const value = demoIds.join("\n");
                setText(value);
                lookUp(undefined, value);
              }}
            >
              {t("tryDemo")}
            </button>
          )}
        </section>
      )}

      {lookups > 0 && (
        <div role="status" aria-live="polite" className="mb-4 space-y-1 text-sm">
          <p className="font-medium text-neutral-100">{t("found", { count: ids.length })}</p>
          {ids.length > 0 && (
            <p className="text-neutral-400">
              {[
                t("summaryFound", { count: summary.found }),
                summary.notFound > 0 && t("summaryNotFound", { count: summary.notFound }),
                summary.running > 0 && t("summaryRunning", { count: summary.running }),
                summary.waiting > 0 && t("summaryWaiting", { count: summary.waiting }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          )}
          {!fitsInLink(ids) && (
            <p className="text-neutral-400">{t("tooMany", { max: MAX_LINK_IDS })}</p>
          )}
        </div>
      )}

      {ids.length > 0 && (
        <div className="mb-4 flex flex-wrap items-center gap-3">
          {ids.every((id) => held.has(id)) ? (
            <button type="button" disabled className={buttonSecondary}>
              {t("allHeld")}
            </button>
          ) : (
            <button type="button" onClick={() => void add(ids)} className={buttonSecondary}>
              {t("addAll")}
            </button>
          )}
          <button type="button" onClick={share} className={buttonSecondary}>
            {t("share")}
          </button>
          {/* Beside the buttons that caused it, announced: where people look after clicking. */}
          <p role="status" data-action-notice className="text-sm font-medium text-neutral-100">
            {notice}
          </p>
        </div>
      )}
      {shareUrl && (
        <p className="mb-4 text-sm">
          <span className="text-neutral-400">{t("shareLink")}</span>
          <a href={shareUrl} data-share-link className="break-all font-mono text-neutral-100 underline underline-offset-4">
            {shareUrl}
          </a>
        </p>
      )}

      <UpstreamAlert error={error} />
      {unknownIds.dialog}
      {showCards && <LookupResults key={lookups} ids={ids} tasks={tasks} held={held} onAdd={(id) => void add([id])} />}
    </section>
  );
}
