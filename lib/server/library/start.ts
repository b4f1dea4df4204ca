import "server-only";
import { database } from "@/lib/server/db/client";
import { libraryReader } from "./reader";

/** Opens the database and starts the reader, in the background; a failure is logged, and retried on use. */
export function startLibrary(): void {
  database().then(
    () => libraryReader(),
    (error: unknown) => console.error(`The database could not be opened: ${error instanceof Error ? error.message : "unknown error"}`),
  );
}
