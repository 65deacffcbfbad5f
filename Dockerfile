# unknot in clinic mode (docs/deploy.md). Node 24 runs the TypeScript sources as they are (it strips types), so
# the image holds the sources, the production dependencies and the built web app; no compile step for the server.
#
#   docker build -t unknot .
#   docker run -e DATABASE_URL=postgres://… -e UNKNOT_PUBLIC_ORIGIN=https://clinic.example -p 3000:3000 unknot
#
# Written without a Docker registry at hand: not built in this repository's CI (see docs/deploy.md).

# ---- build: every dependency, then the web app ----------------------------------------------------------------
FROM node:24-slim AS build
WORKDIR /app
# The manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/store/package.json packages/store/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
COPY packages/cli/package.json packages/cli/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies, sources, the built web app; no compilers, not root --------------------
FROM node:24-slim
ENV NODE_ENV=production \
    UNKNOT_MODE=clinic \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/store/package.json packages/store/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
COPY packages/cli/package.json packages/cli/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY packages/core/src packages/core/src
COPY packages/store/src packages/store/src
COPY packages/server/src packages/server/src
COPY packages/cli/bin packages/cli/bin
COPY packages/cli/src packages/cli/src
COPY --from=build /app/packages/web/dist packages/web/dist
# The files belong to root and are read-only for the app: a compromised process cannot rewrite its own code.
USER node
EXPOSE 3000
# /healthz answers only to the public name (the Host check), so the probe sends that name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "const h=new URL(process.env.UNKNOT_PUBLIC_ORIGIN).host;require('node:http').get({host:'127.0.0.1',port:process.env.PORT,path:'/healthz',headers:{host:h}},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
# DATABASE_URL and UNKNOT_PUBLIC_ORIGIN come from the environment; without them clinic mode refuses to start.
CMD ["node", "--conditions=unknot-source", "packages/server/src/start.ts"]
