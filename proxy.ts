/**
 * Runs before every page (not API routes, static files or the lab sandbox, see the matcher): gives the
 * page a fresh CSP nonce and its security headers (server/http/page-security-headers.ts). Next reads
 * the nonce from the request's Content-Security-Policy header and puts it on its own scripts.
 *
 * API routes stay out of the matcher on purpose: for a request the proxy sees, Next buffers the body
 * to let both read it, which would defeat the streaming size limits of tRPC and the upload route.
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, PAGE_ONLY_HEADERS } from "~/server/http/page-security-headers";

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(PAGE_ONLY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|lab-sandbox|figures/|labs/).*)",
      // Client navigations fetch RSC payloads, not documents: the page's policy is the document's.
      missing: [
        { type: "header", key: "rsc" },
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
