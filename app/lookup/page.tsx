import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LookupView } from "@/components/lookup/lookup-view";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { seedLibraryMembership } from "@/lib/server/library/membership";
import { seedSetTasks } from "@/lib/server/set-seed";
import { parseIdsParam } from "@/lib/shared/ids";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return { title: t("lookupTitle"), description: t("lookupDescription") };
}

export default async function LookupPage({ searchParams }: PageProps<"/lookup">) {
  await requirePageAccess("/lookup");
  const ids = parseIdsParam((await searchParams).ids);
  // A lookup link renders with its first answers and what the library holds, so its first screen
  // is laid out once and its buttons say the right thing from the start.
  const queryClient = new QueryClient();
  if (ids.length > 0) await Promise.all([seedSetTasks(queryClient, ids), seedLibraryMembership(queryClient, ids)]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <LookupView />
    </HydrationBoundary>
  );
}
