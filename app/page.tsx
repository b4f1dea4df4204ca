import { GalleryView } from "@/components/gallery/gallery-view";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { parseIdsParam } from "@/lib/shared/ids";

export default async function GalleryPage({ searchParams }: PageProps<"/">) {
  await requirePageAccess("/");
  const { ids } = await searchParams;
  return <GalleryView sharedIds={parseIdsParam(ids)} />;
}
