"use client";

import { useTranslations } from "next-intl";
import { buttonDanger, buttonSecondary } from "@/components/common/button-styles";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import type { GridSelection } from "@/lib/client/use-grid-selection";
import { MAX_LINK_IDS, sharePath } from "@/lib/shared/links";


interface Props {
  /** The grid's order: selected ids are acted on in it. */
  ids: readonly string[];
  selection: GridSelection;
  onRemove?: (ids: string[]) => void;
}

/** What can be done with the selected cards; in the view's BottomDock, so it stays at hand while scrolling. */
export function SelectionBar({ ids, selection, onRemove }: Props) {
  const t = useTranslations("Selection");
  const chosen = ids.filter((id) => selection.selected.has(id));
  if (chosen.length === 0) return null;
  return (
    <div
      role="region"
      aria-label={t("label")}
      className="flex max-w-full flex-wrap items-center gap-2 rounded-lg bg-neutral-900/95 px-3 py-2 shadow-lg ring-1 ring-sky-400/40 backdrop-blur"
    >
      <span className="text-sm font-medium tabular-nums" aria-live="polite">
        {t("selected", { count: chosen.length })}
      </span>
      <CopyLinkButton
        path={sharePath(chosen)}
        label={chosen.length > MAX_LINK_IDS ? t("shareFirst", { count: MAX_LINK_IDS }) : t("share")}
        className={buttonSecondary}
      />
      {onRemove && (
        <button type="button" className={buttonDanger} onClick={() => onRemove(chosen)}>
          {t("remove")}
        </button>
      )}
      <button type="button" className={buttonSecondary} onClick={selection.clear}>
        {t("clear")}
      </button>
      <span className="ml-auto hidden text-xs text-neutral-400 sm:inline">{t("hint")}</span>
    </div>
  );
}
