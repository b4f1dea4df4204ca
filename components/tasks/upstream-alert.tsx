"use client";

/** Shown while the upstream fails for tasks of this view; the cards underneath stay as they were. */
export function UpstreamAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="my-4 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
      {error.message} Showing what was last known; updates resume by themselves.
    </div>
  );
}
