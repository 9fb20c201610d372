import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here, not from the schema. The app itself connects through
// @prisma/adapter-pg (server/db.ts); the CLI needs a URL only for `migrate deploy`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/diffusion_lab" },
});
