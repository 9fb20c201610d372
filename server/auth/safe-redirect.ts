/**
 * Where to go after logging in: only a path on this site. A crafted link such as
 * `/login?callbackUrl=/\evil.example/x` must not send a student elsewhere: browsers read `/\host` and
 * `//host` as another origin, and strip tabs and newlines from URLs, so any backslash, control character
 * or doubled leading slash, written plainly or percent-encoded, is refused.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !isSafePath(value)) return fallback;
  // Percent-decoding (repeatedly: %252F) must not reveal what the plain checks refuse.
  let decoded = value;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (!isSafePath(next)) return fallback;
    if (next === decoded) break;
    decoded = next;
  }
  return value;
}

const PROBE_ORIGIN = "http://same-origin.invalid";

function isSafePath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex -- control characters are what this check rejects
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  try {
    return new URL(path, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** next-auth's redirect callback: same-origin URLs (absolute or as a path) stay, anything else goes home. */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl);
  let path = url;
  if (!url.startsWith("/")) {
    try {
      const target = new URL(url);
      if (target.origin !== base.origin) return baseUrl;
      path = `${target.pathname}${target.search}${target.hash}`;
    } catch {
      return baseUrl;
    }
  }
  const safe = safeRedirectPath(path, "");
  return safe ? `${base.origin}${safe}` : baseUrl;
}
