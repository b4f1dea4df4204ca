// Stands in for the `server-only` guard, which only makes sense inside a Next.js build.
export {};
