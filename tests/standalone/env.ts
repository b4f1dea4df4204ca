// Ports of the standalone run (playwright.standalone.config.ts): beside those of the main e2e
// config (APP_PORT, APP_PORT + 1), so both can run on one machine, one after the other; the
// simulator's port is shared with the main config, so the specs reuse its control helpers.
import { APP_PORT } from "../e2e/env";

export const INSTANCE_A_PORT = APP_PORT + 2;
export const INSTANCE_B_PORT = APP_PORT + 3;
export const PROXY_PORT = APP_PORT + 4;
export const REDIS_PORT = APP_PORT + 5;
export const POSTGRES_PORT = APP_PORT + 6;
/** Both instances share this database, as compose's instances share its `db` service. */
export const DATABASE_URL = `postgres://postgres@127.0.0.1:${POSTGRES_PORT}/postgres`;

export const INSTANCE_A_URL = `http://127.0.0.1:${INSTANCE_A_PORT}`;
export const INSTANCE_B_URL = `http://127.0.0.1:${INSTANCE_B_PORT}`;
export const PROXY_URL = `http://127.0.0.1:${PROXY_PORT}`;

/** Low enough that a test reaches it quickly through the proxy, high enough for the page specs. */
export const STANDALONE_RATE_LIMIT = 60;
