"use client";

import { AppLink } from "@/components/common/app-link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useState } from "react";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { TaskGrid } from "@/components/tasks/task-grid";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { addToServerLibrary } from "@/lib/client/library-api";
import { useGridSelection } from "@/lib/client/use-grid-selection";
import { useLibraryMembership } from "@/lib/client/use-library-membership";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { countStates, filterIds, sortIds, type SortOrder, type StateFilter } from "@/lib/shared/gallery-query";
import { MAX_LINK_IDS, sharePath } from "@/lib/shared/links";
import { GalleryToolbar } from "./gallery-toolbar";
import { SelectionBar } from "./selection-bar";
import { BottomDock, BottomDockSpace } from "@/components/common/bottom-dock";
import { useUnknownIdsQuestion } from "./unknown-ids-dialog";

/** `/?ids=` and `/c/{slug}`: a given set of tasks in the given order, shown without touching the library. */
export function SharedSetView({ ids, title, source = "share" }: { ids: string[]; title: string; source?: "share" }) {
  const t = useTranslations("Gallery");
  const { tasks, error, poller } = useLiveTasks(ids);
  const selection = useGridSelection();
  const [state, setState] = useState<StateFilter>("all");
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortOrder | "given">("given");
  const [message, setMessage] = useState("");
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const held = useLibraryMembership(ids, added);
  const missing = useMemo(() => ids.filter((id) => !held.has(id)), [ids, held]);
  // Typing stays responsive with a thousand cards: the grid catches up a frame later.
  const deferredQuery = useDeferredValue(query);
  const unknownIds = useUnknownIdsQuestion();

  const counts = useMemo(() => countStates(ids, tasks), [ids, tasks]);
  const visible = useMemo(() => {
    const filtered = filterIds(ids, tasks, { state, query: deferredQuery });
    return sort === "given" ? filtered : sortIds(filtered, tasks, sort);
  }, [ids, tasks, state, deferredQuery, sort]);

  // As the lookup does: ids the gateway does not know join only when asked to.
  async function addAll() {
    const chosen = await unknownIds.choose(missing, (id) => tasks.get(id) === null);
    if (chosen === "none-known") setMessage(t("noneKnown"));
    if (typeof chosen === "string") return;
    try {
      const { added } = await addToServerLibrary(chosen.ids, source);
      setAdded((current) => new Set([...current, ...chosen.ids]));
      setMessage(added === 0 ? t("alreadyThere") : t("addedCount", { count: added }));
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="gallery-title" className="flex flex-col gap-4 py-6">
      {poller}
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="gallery-title" className="text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <button type="button" className={buttonPrimary} onClick={addAll} disabled={missing.length === 0}>
            {missing.length === 0 ? t("allHeld") : missing.length < ids.length ? t("addRest", { count: missing.length }) : t("addAll", { count: ids.length })}
          </button>
          <AppLink href="/" className={buttonSecondary}>
            {t("myGallery")}
          </AppLink>
          {visible.length > 0 && (
            <CopyLinkButton
              path={sharePath(visible)}
              label={visible.length > MAX_LINK_IDS ? t("shareFirst", { count: MAX_LINK_IDS }) : t("share")}
              className={buttonSecondary}
            />
          )}
        </div>
        <p role="status" className="w-full text-sm text-neutral-300 empty:hidden">
          {message}
        </p>
      </div>
      <UpstreamAlert error={error} />
      {unknownIds.dialog}
      {ids.length > 0 && (
        <GalleryToolbar counts={counts} state={state} onState={setState} query={query} onQuery={setQuery} sort={sort} onSort={setSort} />
      )}
      {ids.length > 0 && visible.length === 0 && <p className="py-10 text-center text-sm text-neutral-400">{t("noMatch")}</p>}
      <TaskGrid ids={visible} tasks={tasks} label={title} selection={selection} />
      {selection.selected.size > 0 && <BottomDockSpace />}
      <BottomDock>
        <SelectionBar ids={visible} selection={selection} />
      </BottomDock>
    </section>
  );
}
