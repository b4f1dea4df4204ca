/** Request header proxy.ts sets to the page's path and query; used only to pick `?next=`. */
export const PATH_HEADER = "x-luma-path";
