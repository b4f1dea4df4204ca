/** The browser's own time zone: the server renders times in UTC, which only the browser can turn into the viewer's. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
