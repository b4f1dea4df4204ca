// `npm start`: the production server. Next serves every page and route, but for `POST /api/tasks`,
// the polling endpoint, which this server answers with the same handler and without Next's
// router (see lib/server/direct-tasks-route.ts). Built by `npm run build` into .next/luma-server.cjs.
// `next start` still works and gives the same answers, only with more CPU per poll.
import { createServer } from "node:http";
import next from "next";
import { isDirectTasksRequest, serveDirectTasksRequest } from "@/lib/server/direct-tasks-route";

const port = Number(process.env.PORT || 3000);
// HOST picks the interface; unset, every interface. (Not HOSTNAME, as Next's standalone server
// reads: containers set that to their own name.)
const hostname = process.env.HOST || undefined;

async function main(): Promise<void> {
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    if (isDirectTasksRequest(req)) {
      void serveDirectTasksRequest(req, res);
      return;
    }
    // Next answers its own errors; this only keeps a failure outside them from ending the process.
    handle(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(`server: cannot listen on ${hostname ?? "every interface"}:${port} (${error.code ?? error.message}). Set PORT (and HOST) to a free one.`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(`Luma Gallery ready on http://${hostname ?? "localhost"}:${port}`);
  });

  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("server:", error instanceof Error ? error.message : error);
  process.exit(1);
});
