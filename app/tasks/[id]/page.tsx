import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TaskView } from "@/components/task-page/task-view";
import { requestOrigin } from "@/lib/server/request-origin";
import { seedLibraryMembership } from "@/lib/server/library/membership";
import { loadTaskPage } from "@/lib/server/task-page";
import { truncate, videoMimeType } from "@/lib/shared/format";
import { taskPath } from "@/lib/shared/links";
import { taskKeys } from "@/lib/client/task-keys";

// A shareable task link: server-rendered with the unfurl metadata chats read, then live in the browser.

export async function generateMetadata({ params }: PageProps<"/tasks/[id]">): Promise<Metadata> {
  const data = await loadTaskPage((await params).id);
  if (data.kind === "not_found") notFound();
  if (data.kind === "redirect") permanentRedirect(taskPath(data.id));
  const origin = await requestOrigin();
  const base: Metadata = {
    // Without PUBLIC_URL and a plain Host header there is no trustworthy origin: links stay relative.
    ...(origin ? { metadataBase: origin } : {}),
    alternates: { canonical: taskPath(data.id) },
    // A dashboard over someone's gateway: links are for sharing, not for search engines.
    robots: { index: false, follow: false },
  };
  const t = await getTranslations("Metadata");
  if (data.kind === "error") return { ...base, title: t("taskUnavailable") };

  const { task } = data;
  const title = task.prompt ? truncate(task.prompt, 70) : t("generationTitle", { id: task.id.slice(0, 8) });
  const description = task.prompt
    ? truncate(task.prompt, 200)
    : t("generationDescription", { state: (await getTranslations("State"))(task.state).toLowerCase() });
  const images = task.thumbnail
    ? // Our stable redirect, not the gateway's presigned URL: chats fetch it long after sharing.
      [{ url: `/api/tasks/${task.id}/thumbnail`, width: task.thumbnail.width ?? undefined, height: task.thumbnail.height ?? undefined, alt: title }]
    : undefined;
  const videos = task.video && origin
    ? // Served inline through our own route: a chat may fetch it after the presigned URL expired.
      // Absolute: Next resolves og:image against metadataBase, but not og:video.
      [{ url: new URL(`/api/tasks/${task.id}/video?inline=1`, origin).href, type: videoMimeType(task.video.url), width: task.video.width ?? undefined, height: task.video.height ?? undefined }]
    : undefined;

  return {
    ...base,
    title,
    description,
    openGraph: {
      type: "video.other",
      siteName: t("siteName"),
      url: taskPath(task.id),
      title,
      description,
      images,
      videos,
    },
    twitter: { card: images ? "summary_large_image" : "summary", title, description, images },
  };
}

export default async function TaskPage({ params }: PageProps<"/tasks/[id]">) {
  const data = await loadTaskPage((await params).id);
  if (data.kind === "not_found") notFound();
  if (data.kind === "redirect") permanentRedirect(taskPath(data.id));
  if (data.kind === "error") return <TaskView id={data.id} serverError={data.message} />;
  // The server's answer goes into the browser's task cache (TanStack's App Router hydration), so
  // the first browser render matches the HTML and a finished task is never asked for again.
  const queryClient = new QueryClient();
  queryClient.setQueryData(taskKeys.one(data.id), data.task);
  await seedLibraryMembership(queryClient, [data.id]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TaskView id={data.id} serverError={null} />
    </HydrationBoundary>
  );
}
