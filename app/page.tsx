import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { LibraryView } from "@/components/gallery/library-view";
import { SharedSetView } from "@/components/gallery/shared-set-loader";
import { seedTasksFromItems } from "@/lib/client/library-seed";
import { runtimeConfig } from "@/lib/server/gateway/runtime-config";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { loadCallbackInfo, loadGalleryFirstPage, loadSyncInfo } from "@/lib/server/library/gallery-page";
import { seedLibraryMembership } from "@/lib/server/library/membership";
import { seedSetTasks } from "@/lib/server/set-seed";
import { parseIdsParam } from "@/lib/shared/ids";
import { libraryKeys, parseGalleryFilters } from "@/lib/shared/library-query";

export default async function GalleryPage({ searchParams }: PageProps<"/">) {
  await requirePageAccess("/");
  const params = await searchParams;
  const sharedIds = parseIdsParam(params.ids);
  // Chosen here, on the server, so the browser loads only the view it shows.
  if (sharedIds.length > 0) {
    const t = await getTranslations("Gallery");
    // Its first answers and which of them the library holds: the first screen is laid out once,
    // and the first render already offers to add only the others.
    const queryClient = new QueryClient();
    await Promise.all([seedSetTasks(queryClient, sharedIds), seedLibraryMembership(queryClient, sharedIds)]);
    return (
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SharedSetView ids={sharedIds} title={t("sharedTitle", { count: sharedIds.length })} />
      </HydrationBoundary>
    );
  }

  // The first screen comes from the database: the page of the address's filters goes into the
  // browser's library query and its tasks into the task cache, so the first render is complete.
  const filters = parseGalleryFilters(params);
  const queryClient = new QueryClient();
  const { demoIds } = await runtimeConfig();
  // In the demo: whether the library holds all of its tasks, so the offer to add them is settled in the HTML.
  const [page, callback, sync] = await Promise.all([loadGalleryFirstPage(filters), loadCallbackInfo(), loadSyncInfo(), demoIds.length > 0 && seedLibraryMembership(queryClient, demoIds)]);
  queryClient.setQueryData(libraryKeys.list(filters), { pages: [page], pageParams: [null] });
  seedTasksFromItems(queryClient, page.items);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <LibraryView callback={callback} sync={sync} />
    </HydrationBoundary>
  );
}
