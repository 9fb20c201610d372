// `npm run lint`: Next's rules (React, react-hooks, jsx-a11y, import, @next/next) and typescript-eslint's
// recommended set. Syntax-only rules, no type information: tsc already checks types, and a lint pass
// without a type program stays fast on a two-core CI runner.
import { defineConfig, globalIgnores } from "eslint/config";
import js from "@eslint/js";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import eslintComments from "@eslint-community/eslint-plugin-eslint-comments";

export default defineConfig([
  // Build output of every checkout's test runs, generated code, installed tools and test reports.
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "prisma/generated/**",
    "next-env.d.ts",
    ".data/**",
    ".device-carry/**",
    ".tools/**",
    "test-results/**",
    "test-results-*/**",
    "playwright-report/**",
  ]),
  js.configs.recommended,
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    plugins: { "@eslint-community/eslint-comments": eslintComments },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A disabled rule names the rule and says why on the same line (`-- reason`).
      "@eslint-community/eslint-comments/require-description": ["error", { ignore: [] }],
      "@eslint-community/eslint-comments/no-unlimited-disable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // React runs only in app/ and in .tsx files. Elsewhere a function named `use…` is not a hook:
    // Playwright's fixture callback `use`, the integration tests' `useDatabaseForWebApp()` setup.
    files: ["**/*.{ts,mts,cts,js,mjs}"],
    ignores: ["app/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
