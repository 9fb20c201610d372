# One image for the web app and the GPU worker of a department install (see docker-compose.yml).
FROM node:22-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
COPY prisma.config.ts ./
RUN npm ci --include=dev
COPY . .
RUN npx next build
# Inside the container the app must listen on every interface; publish the port only where it belongs.
ENV HOST=0.0.0.0
EXPOSE 3000
CMD ["npm", "run", "serve"]
