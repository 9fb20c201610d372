# The images of a department install (see docker-compose.yml), one build, two targets:
#   web     the web app: `next start` on the production build, dependencies without dev ones
#   worker  the GPU worker: the same files plus the Vulkan loader, so onnxruntime's WebGPU provider
#           (Dawn on Vulkan) reaches an NVIDIA GPU the container toolkit hands in
# `docker build --target web .` / `--target worker .`; docker-compose.yml names the targets.
FROM node:22-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production

# Builds with every dependency (Next's build needs Tailwind, PostCSS and Prisma's CLI), then drops the
# dev ones. Not Next's standalone output: at run time the web process also applies the SQL migrations
# (tsx scripts/migrate.ts), reads lessons/ and prisma/, and spawns the grading sandbox
# (server/labs/sandbox/isolate-host.mjs with isolated-vm), none of which the standalone trace carries.
FROM base AS build
COPY package.json package-lock.json .npmrc ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
COPY prisma.config.ts ./
RUN npm ci --include=dev
COPY . .
RUN npx next build
# `npm prune --omit=dev` alone keeps a dev dependency that a runtime package names as an optional peer
# (prisma for @prisma/client, @playwright/test for next); without the devDependencies list those go too.
# --ignore-scripts: the postinstall (prisma generate) already ran and needs the CLI this removes.
RUN npm pkg delete devDependencies && npm prune --omit=dev --ignore-scripts

FROM base AS worker
# libvulkan1: the loader Dawn opens (without it onnxruntime logs "Couldn't load Vulkan: libvulkan.so.1"
# and the worker falls back to the CPU). The NVIDIA driver's Vulkan library, which the container
# toolkit mounts with the graphics capability, links against glvnd, X11 and Xext.
RUN apt-get update \
  && apt-get install -y --no-install-recommends libvulkan1 libglvnd0 libx11-6 libxext6 \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
# What the NVIDIA container toolkit hands in: compute and utility (nvidia-smi) by default; graphics
# adds the driver's Vulkan ICD, which the WebGPU provider needs.
ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics
# Falls back to the CPU (and says so at start-up) where no GPU is handed in; WORKER_PROVIDER=cpu skips trying.
ENV WORKER_PROVIDER=webgpu
CMD ["npm", "run", "worker"]

# Last, so a plain `docker build .` gives the web image.
FROM base AS web
COPY --from=build /app /app
# Inside the container the app must listen on every interface; publish the port only where it belongs.
ENV HOST=0.0.0.0
EXPOSE 3000
CMD ["npm", "run", "serve"]
