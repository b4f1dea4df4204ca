import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SharedSetView } from "@/components/gallery/shared-set-view";
import { taskKeys } from "@/lib/client/task-keys";
import { loadCollectionPage } from "@/lib/server/library/collection-page";
import { seedLibraryMembership } from "@/lib/server/library/membership";
import { requestOrigin } from "@/lib/server/request-origin";

// A collection's short link: rendered on the server with a link preview, then live like the gallery.

export async function generateMetadata({ params }: PageProps<"/c/[slug]">): Promise<Metadata> {
  const data = await loadCollectionPage((await params).slug);
  if (!data) notFound();
  const { collection, tasks } = data;
  const origin = await requestOrigin();
  const t = await getTranslations("Metadata");
  const first = collection.ids.map((id) => tasks.find((task) => task.id === id)).find((task) => task?.thumbnail);
  // Our stable thumbnail route, not a presigned URL: chats fetch previews long after sharing.
  const images = first?.thumbnail
    ? [{ url: `/api/tasks/${first.id}/thumbnail`, width: first.thumbnail.width ?? undefined, height: first.thumbnail.height ?? undefined, alt: collection.title }]
    : undefined;
  const description = t("collectionDescription", { count: collection.ids.length });
  return {
    ...(origin ? { metadataBase: origin } : {}),
    title: collection.title,
    description,
    alternates: { canonical: `/c/${collection.slug}` },
    robots: { index: false, follow: false },
    openGraph: { type: "website", siteName: t("siteName"), url: `/c/${collection.slug}`, title: collection.title, description, images },
    twitter: { card: images ? "summary_large_image" : "summary", title: collection.title, description, images },
  };
}

export default async function CollectionPage({ params }: PageProps<"/c/[slug]">) {
  const { slug } = await params;
  const data = await loadCollectionPage(slug);
  if (!data) notFound();
  const queryClient = new QueryClient();
  for (const task of data.tasks) queryClient.setQueryData(taskKeys.one(task.id), task);
  await seedLibraryMembership(queryClient, data.collection.ids);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SharedSetView ids={data.collection.ids} title={data.collection.title} />
    </HydrationBoundary>
  );
}
