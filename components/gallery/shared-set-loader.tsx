"use client";

import dynamic from "next/dynamic";

// `/?ids=` is the rarer way into `/`: its view's code loads only when it is the view shown, not with
// every visit to the library.
export const SharedSetView = dynamic(() => import("./shared-set-view").then((m) => m.SharedSetView));
