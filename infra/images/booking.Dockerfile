# syntax=docker/dockerfile:1
# Image of the booking service. Build from the repository root:
#   docker build -f infra/images/booking.Dockerfile -t regional-marketplace/booking:0.1.0 .
# Not built on the machines of this project (no Docker engine); see infra/images/README.md.

# 1. compile TypeScript (and the @rim/* libs) to JavaScript with the dev dependencies
FROM node:24.9.0-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# npm install from the lockfile, not npm ci: see .ci/run (the lockfile holds one platform's binaries)
RUN npm install --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs libs
COPY services services
COPY infra/images/build.ts infra/images/build.ts
RUN node -r @swc-node/register infra/images/build.ts booking /out

# 2. production dependencies only
FROM node:24.9.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. runtime: no compiler, no npm cache, no root
FROM node:24.9.0-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out ./
# a numeric user, the same as runAsUser in infra/k8s, so Kubernetes can check runAsNonRoot
USER 10001:10001
EXPOSE 4102
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4102/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "services/booking/src/main.js"]
