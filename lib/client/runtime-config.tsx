"use client";

import { createContext, useContext, type ReactNode } from "react";

/** Server settings the browser needs, handed down at request time (never baked into a bundle). */
export interface RuntimeConfig {
  pollIntervalMs: number;
  configured: boolean;
  demoIds: string[];
}

const RuntimeConfigContext = createContext<RuntimeConfig>({ pollIntervalMs: 5000, configured: true, demoIds: [] });

export function RuntimeConfigProvider({ value, children }: { value: RuntimeConfig; children: ReactNode }) {
  return <RuntimeConfigContext.Provider value={value}>{children}</RuntimeConfigContext.Provider>;
}

export function useRuntimeConfig(): RuntimeConfig {
  return useContext(RuntimeConfigContext);
}
