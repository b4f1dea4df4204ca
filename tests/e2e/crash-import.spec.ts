import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startReadyApp, type RunningApp } from "../../scripts/lib/app-process";
import { E2E_KEY, SIM_URL } from "./env";
import { createTasks, done, resetSim, unknownId } from "./sim";

// Nothing lost (issue 12): the app is killed (SIGKILL, no chance to flush or unlock) while a
// 5,000-id import is being read from the upstream, or right after it answered the import; started
// again on the same embedded database, it opens, holds every id it answered for, and finishes
// reading them. Its own app processes (on free ports) against the shared simulator.

const IMPORT_SIZE = 5000;
const UNKNOWN = 500;

interface Counts {
  all: number;
  unread: number;
  completed: number;
  notFound: number;
}

type App = RunningApp;

/** The build on its own port and DATA_DIR; `readGapMs` paces the background reader. */
function startApp(dataDir: string, readGapMs: number): Promise<App> {
  return startReadyApp({
    ...process.env,
    LUMA_API_BASE_URL: SIM_URL,
    LUMA_API_KEY: E2E_KEY,
    RATE_LIMIT_PER_MINUTE: "0",
    DATA_DIR: dataDir,
    LIBRARY_READ_GAP_MS: String(readGapMs),
  });
}

function killHard(app: App): Promise<void> {
  return new Promise((resolve) => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
    app.child.once("exit", () => resolve());
    app.child.kill("SIGKILL");
  });
}

async function counts(app: App): Promise<Counts> {
  const response = await fetch(`${app.url}/api/library?limit=1`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { counts: Counts }).counts;
}

/** Every id in the library, paged as a browser pages it. */
async function allIds(app: App): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(`${app.url}/api/library?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    for (const item of page.items) ids.add(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function importIds(app: App, ids: string[]): Promise<void> {
  const response = await fetch(`${app.url}/api/library`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids, source: "import" }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ added: IMPORT_SIZE, existing: 0 });
}

/** 4,500 finished tasks the simulator knows and 500 it does not, shuffled. */
async function importSet(): Promise<{ ids: string[]; known: number }> {
  const known = await createTasks(Array.from({ length: IMPORT_SIZE - UNKNOWN }, (_, i) => done({ prompt: `crash import ${i}` })));
  const ids = [...known, ...Array.from({ length: UNKNOWN }, unknownId)];
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return { ids, known: known.length };
}

/**
 * After the restart: every answered id is there (those of earlier imports too), and the reader
 * finishes what was left unread.
 */
async function expectResumedAndComplete(app: App, expected: { ids: Set<string>; known: number }): Promise<void> {
  expect((await counts(app)).all).toBe(expected.ids.size);
  expect(await allIds(app)).toEqual(expected.ids);
  await expect
    .poll(async () => (await counts(app)).unread, { timeout: 40_000, intervals: [500] })
    .toBe(0);
  expect(await counts(app)).toMatchObject({ all: expected.ids.size, completed: expected.known, notFound: expected.ids.size - expected.known, unread: 0 });
}

// One embedded database for both crashes: the second starts from the app the first restarted.
test.describe.configure({ mode: "serial" });

const held = { ids: new Set<string>(), known: 0 };
let dataDir = "";
let current: App | null = null;

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "luma-crash-"));
});

test.afterAll(async () => {
  if (current) await killHard(current);
  rmSync(dataDir, { recursive: true, force: true });
  await resetSim();
});

test("kill -9 while a 5,000-id import is being read: the restarted app holds every id and reads the rest", async () => {
  test.setTimeout(120_000);
  const { ids, known } = await importSet();
  const first = await startApp(dataDir, 400);
  current = first;
  await importIds(first, ids);
  for (const id of ids) held.ids.add(id);
  held.known += known;
  // Some batches read, most not yet: the reader is mid-import.
  await expect.poll(async () => (await counts(first)).unread, { timeout: 20_000, intervals: [100] }).toBeLessThanOrEqual(IMPORT_SIZE - 100);
  const before = await counts(first);
  expect(before.unread).toBeGreaterThan(1000);
  await killHard(first);

  current = await startApp(dataDir, 0);
  // What was read before the kill stays read.
  expect((await counts(current)).unread).toBeLessThanOrEqual(before.unread);
  await expectResumedAndComplete(current, held);
});

test("kill -9 right after a 5,000-id import was answered: the restarted app holds every id and reads them all", async () => {
  test.setTimeout(90_000);
  expect(current, "runs after the first crash, on the app it restarted").not.toBeNull();
  const { ids, known } = await importSet();
  await importIds(current!, ids);
  await killHard(current!);
  for (const id of ids) held.ids.add(id);
  held.known += known;

  current = await startApp(dataDir, 0);
  await expectResumedAndComplete(current, held);
});
