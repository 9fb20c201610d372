/**
 * The security headers of every page: a Content-Security-Policy with a fresh nonce per request (Next
 * puts the nonce on its own scripts, see proxy.ts), no framing by other sites, no MIME sniffing, and
 * referrers that don't leak paths to other sites.
 *
 * What the pages need and why each source is allowed:
 * - script-src: Next's scripts carry the nonce; 'strict-dynamic' lets them load their chunks and
 *   onnxruntime-web's module; 'wasm-unsafe-eval' compiles WebAssembly (onnxruntime-web for Lab 2,
 *   TensorFlow.js' wasm backend in the figures) without allowing eval.
 * - style-src 'unsafe-inline': KaTeX and the charts position things with style attributes, which
 *   nonces cannot cover; styles cannot run code.
 * - img-src data: blob:: sample grids and figures drawn into data and blob URLs.
 * - font-src: KaTeX's fonts, bundled with the app.
 * - frame-src 'self': the lab sandbox (/lab-sandbox), which sends its own, stricter policy.
 * - worker-src 'self' blob:: workers built from blobs.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build reconstructs server errors with eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response (next.config.ts): pages, API routes and static files. */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** For browsers without CSP frame-ancestors; pages only (the lab sandbox must be framed by the site). */
export const PAGE_ONLY_HEADERS: Record<string, string> = { "X-Frame-Options": "DENY" };

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
