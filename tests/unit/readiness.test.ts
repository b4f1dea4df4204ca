import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/app-process";
import { closeRedisReadinessClients, redisReadinessCheck } from "@/lib/server/readiness/redis-check";
import { runReadinessChecks, type ReadinessCheck } from "@/lib/server/readiness/run";
import { openEmbedded, openPostgres, replaceDatabase, type Database } from "@/lib/server/db/client";
import { startPostgresServer } from "../../scripts/lib/postgres-server";
import { startRedisServer, type RedisServer } from "./redis-server";
import { pgliteCopy } from "./test-databases";

const passing = (name: string): ReadinessCheck => ({ name, probe: async () => {} });
const failing = (name: string): ReadinessCheck => ({ name, probe: async () => Promise.reject(new Error("refused")) });
const hanging = (name: string): ReadinessCheck => ({ name, probe: () => new Promise<void>(() => {}) });

describe("runReadinessChecks", () => {
  it("is ready with no checks at all (nothing to wait for)", async () => {
    expect(await runReadinessChecks([], 100)).toEqual({ ready: true, checks: [] });
  });

  it("is ready only when every check passes, and names each", async () => {
    expect(await runReadinessChecks([passing("redis"), passing("database")], 100)).toEqual({
      ready: true,
      checks: [{ name: "redis", ok: true }, { name: "database", ok: true }],
    });
    expect(await runReadinessChecks([passing("redis"), failing("database")], 100)).toEqual({
      ready: false,
      checks: [{ name: "redis", ok: true }, { name: "database", ok: false }],
    });
  });

  it("counts a check that does not answer within the deadline as not ready, without waiting for it", async () => {
    const started = Date.now();
    const report = await runReadinessChecks([hanging("redis"), passing("database")], 150);
    expect(report).toEqual({ ready: false, checks: [{ name: "redis", ok: false }, { name: "database", ok: true }] });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("redisReadinessCheck against a real redis-server", () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(closeRedisReadinessClients);
  afterAll(async () => {
    await redis?.stop();
  });

  it("passes when Redis answers PING", async () => {
    expect(await runReadinessChecks([redisReadinessCheck(redis.url)], 2_000)).toEqual({ ready: true, checks: [{ name: "redis", ok: true }] });
  });

  it("fails when nothing listens at REDIS_URL", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect((await runReadinessChecks([redisReadinessCheck(url)], 1_000)).ready).toBe(false);
  });

  it("fails while Redis is down and passes again once it is back on the same port", async () => {
    const own = await startRedisServer();
    const check = redisReadinessCheck(own.url);
    expect((await runReadinessChecks([check], 2_000)).ready).toBe(true);
    await own.stop();
    expect((await runReadinessChecks([check], 1_000)).ready).toBe(false);
    const back = await startRedisServer(own.port);
    try {
      await expect.poll(async () => (await runReadinessChecks([check], 1_000)).ready, { timeout: 10_000, interval: 250 }).toBe(true);
    } finally {
      await back.stop();
    }
  });
});

describe("GET /api/ready", () => {
  const saved = { ...process.env };
  let redis: RedisServer;
  let GET: (request: Request, ctx: unknown) => Promise<Response>;
  const ask = () => GET(new Request("http://app.test/api/ready"), undefined);

  let db: Database;

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await openEmbedded(await pgliteCopy());
    replaceDatabase(db);
    ({ GET } = await import("@/app/api/ready/route"));
  });
  afterEach(async () => {
    process.env = { ...saved };
    replaceDatabase(db);
    await closeRedisReadinessClients();
  });
  afterAll(async () => {
    replaceDatabase(null);
    await db?.close();
    await redis?.stop();
  });

  it("answers 200 without REDIS_URL once the database answers", async () => {
    delete process.env.REDIS_URL;
    const response = await ask();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: [{ name: "database", ok: true }] });
  });

  it("answers 503 while the database cannot be opened", async () => {
    delete process.env.REDIS_URL;
    replaceDatabase(null);
    process.env.DATABASE_URL = `postgres://nobody@127.0.0.1:${await freePort()}/none`;
    const response = await ask();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, checks: [{ name: "database", ok: false }] });
  });

  it("answers 200 when Redis answers", async () => {
    process.env.REDIS_URL = redis.url;
    const response = await ask();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: [{ name: "database", ok: true }, { name: "redis", ok: true }] });
  });

  it("answers 503 when Redis is unreachable, naming the service but not its address", async () => {
    const port = await freePort();
    process.env.REDIS_URL = `redis://:hunter2@127.0.0.1:${port}`;
    const response = await ask();
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ ready: false, checks: [{ name: "database", ok: true }, { name: "redis", ok: false }], error: { code: "unavailable" } });
    expect(text).not.toContain(String(port));
    expect(text).not.toContain("hunter2");
  });

  it("answers 503 once a PostgreSQL server that was answering goes down", async () => {
    delete process.env.REDIS_URL;
    const server = await startPostgresServer();
    const postgres = await openPostgres(server.url, { max: 2 });
    try {
      replaceDatabase(postgres);
      expect((await ask()).status).toBe(200);
      await server.stop();
      const response = await ask();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ready: false, checks: [{ name: "database", ok: false }] });
    } finally {
      await postgres.close().catch(() => {});
      await server.stop();
    }
  });
});
