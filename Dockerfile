# syntax=docker/dockerfile:1
# The app as one image: Next's standalone output on a slim Node, run as an unprivileged user.
# Not built on the project's machines (no Docker engine there); the same layout is tested without
# Docker by `npm run test:standalone` (see the README, "Running it").

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies, exactly as locked.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The build: `npm run build` also completes .next/standalone (static assets, public/, start.mjs).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# 3. What runs: the standalone output only (no npm, no sources, no dev dependencies).
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
RUN groupadd --system --gid 10001 luma \
 && useradd --system --uid 10001 --gid luma --no-create-home --shell /usr/sbin/nologin luma \
 && mkdir -p /data \
 && chown luma:luma /data
# Owned by root and only readable by the app's user: the process cannot change its own code.
COPY --from=build /app/.next/standalone ./
USER luma
# The embedded database (when DATABASE_URL is unset) lives here.
VOLUME ["/data"]
EXPOSE 3000
# Liveness of the process; node's own fetch, so the image needs no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "start.mjs"]
