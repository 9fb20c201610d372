import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { parseTrustedProxies, resolveClientAddress, type TrustedProxies } from "./client-address";
import { env } from "../env";

/**
 * Next.js does not hand route handlers the TCP peer's address (and its own X-Forwarded-For keeps whatever
 * the client sent). So the web process stamps every incoming request with this header, taken from the
 * socket and overwriting any value the client sent, before Next.js sees the request. Node publishes
 * "http.server.request.start" synchronously, before the server's "request" event, for every HTTP server in
 * the process: `next start`, `next dev` and a custom server alike. instrumentation.ts installs it.
 */
export const PEER_ADDRESS_HEADER = "x-diffusion-lab-peer";

/** Stands for every client whose address is unknown: they share one throttling bucket. */
export const UNKNOWN_ADDRESS = "unknown";

const INSTALLED = Symbol.for("diffusion-lab.peer-address-header");
type Marked = typeof globalThis & { [INSTALLED]?: boolean };

export function installPeerAddressHeader() {
  const global = globalThis as Marked;
  if (global[INSTALLED]) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? UNKNOWN_ADDRESS;
  });
  global[INSTALLED] = true;
}

let trusted: TrustedProxies | undefined;
let warned = false;

/**
 * The client address of a request to this server. The peer header is believed only in a process where
 * installPeerAddressHeader ran, because only there is a client-sent copy certain to be overwritten.
 */
export function requestClientAddress(header: (name: string) => string | null | undefined): string {
  const peer = (globalThis as Marked)[INSTALLED] ? header(PEER_ADDRESS_HEADER) : undefined;
  if (!peer) {
    if (!warned) console.warn("Client addresses are unknown (instrumentation.ts did not run); all clients share one throttling bucket.");
    warned = true;
    return UNKNOWN_ADDRESS;
  }
  trusted ??= parseTrustedProxies(env().TRUSTED_PROXIES);
  return resolveClientAddress(peer, header("x-forwarded-for"), trusted);
}
