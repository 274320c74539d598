# syntax=docker/dockerfile:1
# One image with the three Portcullis services; docker-compose.yml picks the entry file per service:
#   dist/apps/<app>/apps/<app>/src/main.js   for command-service, projector, query-service
# Configuration comes from the environment (IAM_KAFKA_BROKERS, IAM_MONGODB_URI, ...).
# The Node.js version is .nvmrc's (keep the two in step).

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npx nest build command-service \
 && npx nest build projector \
 && npx nest build query-service \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# authorization.proto is looked up beside the sources (libs/contracts/proto) relative to the cwd.
COPY --from=build /app/libs/contracts/proto ./libs/contracts/proto
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080 50051
# The query service (and the all-in-one) take `--max-semi-space-size=8` before the script, as
# docker-compose.yml runs it (apps/query-service/src/gc-tuning.ts).
CMD ["node", "dist/apps/command-service/apps/command-service/src/main.js"]
