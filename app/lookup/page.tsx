import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LookupView } from "@/components/lookup/lookup-view";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { parseIdsParam } from "@/lib/shared/ids";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return { title: t("lookupTitle"), description: t("lookupDescription") };
}

export default async function LookupPage({ searchParams }: PageProps<"/lookup">) {
  await requirePageAccess("/lookup");
  const { ids } = await searchParams;
  return <LookupView initialIds={parseIdsParam(ids)} />;
}
