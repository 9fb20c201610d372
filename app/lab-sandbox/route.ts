import { SANDBOX_POLICY, sandboxDocument } from "~/app/_components/lab/sandbox-document";

/** The lab sandbox's iframe document (see sandbox-document.ts), with its own policy instead of the pages'. */
export function GET() {
  return new Response(sandboxDocument(), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": SANDBOX_POLICY,
      "cache-control": "public, max-age=300",
    },
  });
}
