/**
 * The document of the lab sandbox's iframe, served by app/lab-sandbox/route.ts with its own
 * Content-Security-Policy. It is a URL of its own rather than a srcdoc because a srcdoc (or blob:)
 * document inherits the page's policy, which rightly forbids eval; the sandbox needs eval (the
 * student's code) and forbids everything else. `sandbox allow-scripts` in its policy keeps it an
 * opaque origin even when opened outside the iframe, and only this site may frame it.
 */
import { sandboxWorkerSource } from "~/server/labs/grading/sandbox-runtime";

export const SANDBOX_PATH = "/lab-sandbox";

export const SANDBOX_POLICY =
  "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'; form-action 'none'; frame-ancestors 'self'";

/** It relays requests to the worker and replies back to the page that framed it. */
export function sandboxDocument(): string {
  const relay = `
const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(sandboxWorkerSource())}], { type: "text/javascript" })));
worker.onmessage = (event) => parent.postMessage(event.data, "*");
worker.onerror = (event) => { event.preventDefault(); parent.postMessage({ id: -1, error: event.message }, "*"); };
onmessage = (event) => { if (event.source === parent) worker.postMessage(event.data); };
parent.postMessage({ ready: true }, "*");`;
  // "</script" inside the worker's source would end the script element early.
  return `<!doctype html><meta charset="utf-8"><title>Lab sandbox</title><script>${relay.replace(/<\/script/gi, "<\\/script")}</script>`;
}
