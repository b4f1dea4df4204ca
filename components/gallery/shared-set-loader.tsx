"use client";

import { lazyComponent } from "@/lib/client/lazy-component";

// `/?ids=` is the rarer way into `/`: its view's code loads only when it is the view shown, not with
// every visit to the library.
export const SharedSetView = lazyComponent(() => import("./shared-set-view").then((m) => m.SharedSetView));
