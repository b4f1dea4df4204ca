"use client";

import { isServer, QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { makeQueryClient } from "@/lib/client/query-client";
import { RuntimeConfigProvider, type RuntimeConfig } from "@/lib/client/runtime-config";

let browserQueryClient: QueryClient | undefined;

// A new client per server render, one for the life of the page in the browser
// (TanStack's nextjs-app-prefetching example).
function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <RuntimeConfigProvider value={config}>
        {children}
      </RuntimeConfigProvider>
    </QueryClientProvider>
  );
}
