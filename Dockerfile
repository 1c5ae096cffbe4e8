# Verdict: `verdict serve` (the default) or `verdict worker` from one image.
#   docker build -t verdict .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://verdict@db:5432/verdict verdict
#   docker run -e DATABASE_URL=postgres://verdict@db:5432/verdict verdict worker --wait
# Stage 1 compiles the package with its dev dependencies (TypeScript); stage 2 runs the compiled dist/ with
# production dependencies only, as an unprivileged user.

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY schema ./schema
RUN npm run build

FROM node:24-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    VERDICT_DB=/data/verdict.db
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY --from=build /src/schema ./schema
COPY bin ./bin
COPY models ./models
COPY data/demo ./data/demo
COPY examples/ballerina.txt examples/ballerina.expected.json ./examples/
RUN groupadd --system verdict && useradd --system --gid verdict --home-dir /data --shell /usr/sbin/nologin verdict \
    && mkdir -p /data && chown verdict:verdict /data
USER verdict
WORKDIR /data
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/verdict.js"]
CMD ["serve", "--create"]
