# syntax=docker/dockerfile:1
# Farview as a small non-root image over Next's standalone output:
#   docker build -t registry.example.com/farview:0.1.0 .
#   docker run --rm -p 3000:3000 -e FARVIEW_AUTH_TOKENS=... -v ~/.kube:/home/farview/.kube:ro registry.example.com/farview:0.1.0
# In a cluster, use deploy/ (kustomize): it adds the read-only root filesystem and the writable mounts.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- dependencies: the exact lockfile, dev dependencies included (the build needs TypeScript and Tailwind)
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: `next build` with output: 'standalone' (next.config.js); needs no cluster and no database
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production FARVIEW_OUTPUT=standalone
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build \
 && test -f .next/standalone/server.js \
 && test -d .next/standalone/lib/store/migrations

# ---- run: only the traced server, static assets and migrations; owned by root, run as an unprivileged user
FROM ${NODE_IMAGE} AS run
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    FARVIEW_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system --gid 10001 farview \
 && useradd --system --uid 10001 --gid farview --home-dir /home/farview --create-home --shell /usr/sbin/nologin farview \
 && mkdir -p /app/.next/cache /data \
 && chown farview:farview /app/.next/cache /data
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
# Migrations are read from <cwd>/lib/store/migrations at run time (lib/store/db.ts).
COPY --from=build /src/lib/store/migrations ./lib/store/migrations
USER 10001:10001
EXPOSE 3000
# Listening beyond loopback without sign-in makes Farview refuse every request (see deploy/README.md):
# pass FARVIEW_AUTH_TOKENS / FARVIEW_AUTH_TOKENS_FILE, or FARVIEW_TRUST_PROXY_HEADERS behind an auth proxy.
# An 8 MB semi-space keeps the young generation small: ~100 MB less resident memory at 10,000 pods (README).
CMD ["node", "--max-semi-space-size=8", "server.js"]
