import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": root } },
  test: {
    // A test that asserts nothing passes whatever the code does: every test must make at least one assertion.
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Rendering a whole lecture (KaTeX) or a few training steps takes seconds on a loaded 2-core machine.
          testTimeout: 30_000,
          include: ["gpu-worker/**/*.test.ts", "server/**/*.test.ts", "lessons/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.db.test.ts", "tests/integration/**/*.test.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["tests/setup/postgres.global.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
