import Link from "next/link";

export function SiteHeader({ configured }: { configured: boolean }) {
  return (
    <header className="sticky top-0 z-20 border-b border-white/10 bg-neutral-950/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex w-full max-w-screen-2xl items-center gap-6 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight text-white">
          Luma Gallery
        </Link>
        <Link href="/" className="text-sm text-neutral-300 hover:text-white">
          Gallery
        </Link>
        <Link href="/lookup" className="text-sm text-neutral-300 hover:text-white">
          Look up
        </Link>
      </nav>
      {!configured && (
        <p role="status" className="bg-amber-500/15 px-4 py-2 text-center text-sm text-amber-200">
          No gateway is configured: set <code>LUMA_API_BASE_URL</code> and <code>LUMA_API_KEY</code> on the server, or run{" "}
          <code>npm run demo</code>.
        </p>
      )}
    </header>
  );
}
