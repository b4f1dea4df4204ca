import type { Metadata } from "next";
import { LookupView } from "@/components/lookup/lookup-view";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { parseIdsParam } from "@/lib/shared/ids";

export const metadata: Metadata = {
  title: "Look up tasks",
  description: "Paste task ids, links, JSON or log lines and see every Luma generation in them.",
};

export default async function LookupPage({ searchParams }: PageProps<"/lookup">) {
  await requirePageAccess("/lookup");
  const { ids } = await searchParams;
  return <LookupView initialIds={parseIdsParam(ids)} />;
}
