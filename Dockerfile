# psr: multi-stage build on node:20-slim, runs as the unprivileged `node` user.
#   docker build -t psr .      docker compose up      (see docker-compose.yml)

# --- build: full dependencies, compile TypeScript to dist/ ---------------------------------
FROM node:20-slim AS build
WORKDIR /app
# node-llama-cpp ships prebuilt binaries; never compile llama.cpp or fetch at build time.
ENV NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json

# --- runtime deps only ---------------------------------------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
ENV NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node data ./data
COPY --chown=node:node web ./web
# GGUF models are mounted at /app/models (see docker-compose.yml), never baked in.
RUN mkdir -p /app/models && chown node:node /app/models
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form): in-flight streams get the shutdown grace period.
STOPSIGNAL SIGTERM
CMD ["node", "bin/psr.js", "serve"]
