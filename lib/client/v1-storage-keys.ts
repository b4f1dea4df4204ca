/** The browser's own list of task ids (version 1's library), newest first. Versioned so a future format can migrate. */
export const LIBRARY_STORAGE_KEY = "luma-gallery:library:v1";
/** Version 1 kept favourites beside the library. */
export const V1_FAVORITES_STORAGE_KEY = "luma-gallery:favorites:v1";
/** Set once this browser was offered to move its v1 library to the server ("moved" or "declined"). */
export const V1_OFFERED_STORAGE_KEY = "luma-gallery:library:v1:offered";
