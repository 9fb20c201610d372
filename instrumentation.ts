/** Runs once when a Next.js server process starts, before it answers requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHeader } = await import("./server/auth/peer-address");
  installPeerAddressHeader();
}
