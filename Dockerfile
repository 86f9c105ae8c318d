# IrisDesk container image (see docs/operations.md). Two stages: the first installs every dependency and compiles
# src/ to dist/ (npm run build); the second holds only the production dependencies and the build, runs as the
# unprivileged "node" user, and runs `node dist/main.js`, the start command test/build.int.test.ts exercises.
# The root file system can be read-only (docker run --read-only --tmpfs /tmp): the process writes only to
# DATA_DIR (the embedded PGlite database, a volume; unused with DATABASE_URL) and /tmp.
# Lint: npm run lint:container (dockerfile-utils, CI).

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY src src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/irisdesk
WORKDIR /app
# Owned by root and not writable by the process: the application cannot change its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
RUN mkdir -p /var/lib/irisdesk && chown node:node /var/lib/irisdesk
VOLUME ["/var/lib/irisdesk"]
USER node
EXPOSE 3000
# /readyz answers 200 once the database answers, 503 while it does not or while the instance drains.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1 (no npm in between) so SIGTERM reaches the server and it stops gracefully.
CMD ["node", "dist/main.js"]
