import Link from "next/link";

export default function TaskNotFound() {
  return (
    <section className="mx-auto max-w-xl py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-neutral-400">404 · Task not found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is no task at this address</h1>
      <p className="mt-4 text-neutral-300">Either the id in the link is not a task id, or the gateway does not know it. Task ids are UUIDs like</p>
      <p className="mt-2 font-mono text-sm text-neutral-200">4665a07c-7641-4809-a133-10786201bb56</p>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-neutral-400">
        <li>Check that the whole link was copied: ids are 36 characters long.</li>
        <li>A task made through another gateway, or with another API key, is unknown to this one.</li>
      </ul>
      <div className="mt-8 flex gap-4 text-sm">
        <Link href="/lookup" className="rounded-md bg-white px-4 py-2 font-medium text-neutral-950 hover:bg-neutral-200">
          Look up task ids
        </Link>
        <Link href="/" className="rounded-md border border-white/15 px-4 py-2 hover:bg-white/10">
          Back to the gallery
        </Link>
      </div>
    </section>
  );
}
