import { GalleryView } from "@/components/gallery/gallery-view";
import { parseIdsParam } from "@/lib/tasks/ids";

export default async function GalleryPage({ searchParams }: PageProps<"/">) {
  const { ids } = await searchParams;
  return <GalleryView sharedIds={parseIdsParam(ids)} />;
}
