import type { Task, UpstreamErrorInfo } from "@/lib/shared/task";

/** What the server pushes to open views (SPEC §3, "Live updates"). */
export type LiveEvent =
  | { type: "task"; task: Task }
  | { type: "notFound"; ids: string[] }
  /** Ids that joined the library (by paste, callback, sync…): library streams announce them. */
  | { type: "added"; ids: string[]; /** When this instance heard of them (its clock, ms); set by the hub. */ at?: number }
  | { type: "unavailable"; ids: string[]; error: UpstreamErrorInfo };

export type LiveListener = (event: LiveEvent) => void;
