import { randomUUID } from "node:crypto";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openEmbedded, replaceDatabase, type Database } from "@/lib/server/db/client";
import { addToLibrary } from "@/lib/server/db/library";
import { seedLibraryMembership } from "@/lib/server/library/membership";
import { libraryKeys } from "@/lib/shared/library-query";
import { pgliteCopy } from "./test-databases";

// A page render seeds which of its ids the library holds; a database that cannot answer must
// neither break the page nor seed a guess (the browser asks for itself then).
describe("seedLibraryMembership", () => {
  let database: Database;
  const [held, other] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    database = await openEmbedded(await pgliteCopy());
    replaceDatabase(database);
    await addToLibrary(database.db, [held], "paste");
  }, 60_000);
  afterAll(async () => {
    replaceDatabase(null);
    await database?.close().catch(() => {});
  });

  it("seeds the ids the library holds, under the key the browser's query reads", async () => {
    const queryClient = new QueryClient();
    await seedLibraryMembership(queryClient, [other, held]);
    expect(queryClient.getQueryData(libraryKeys.contains([other, held]))).toEqual([held]);
  });

  it("seeds nothing and logs only the error's name when the database fails", async () => {
    await database.close();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const queryClient = new QueryClient();
      await expect(seedLibraryMembership(queryClient, [held])).resolves.toBeUndefined();
      expect(queryClient.getQueryData(libraryKeys.contains([held]))).toBeUndefined();
      expect(logged).toHaveBeenCalledTimes(1);
      const [message, detail] = logged.mock.calls[0]!;
      expect(message).toMatch(/could not read the library's membership/);
      expect(detail).toMatch(/^\w*Error$/);
    } finally {
      logged.mockRestore();
    }
  });
});
