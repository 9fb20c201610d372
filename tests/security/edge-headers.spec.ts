/**
 * The headers every page carries, clickjacking replayed from another site, and the server's
 * interfaces: the web app listens on the loopback interface only unless HOST says otherwise.
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import { expect, test } from "@playwright/test";
import { PORT } from "./edge-helpers";

const PAGES = ["/", "/login", "/signup", "/courses/join", "/no-such-page"];

test("every page sends a nonce CSP that forbids framing, nosniff and a referrer policy", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic' 'wasm-unsafe-eval'(;|$)/);
    expect(policy, path).not.toContain("'unsafe-eval'");
    nonces.add(policy.match(/'nonce-([^']+)'/)![1]);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
  }
  // A fresh nonce for every response.
  expect(nonces.size).toBe(PAGES.length);
  // The page's own scripts carry it.
  const login = await request.get("/login");
  const nonce = login.headers()["content-security-policy"].match(/'nonce-([^']+)'/)![1];
  expect(await login.text()).toContain(`nonce="${nonce}"`);
});

test("API responses and static files are not sniffed either", async ({ request }) => {
  for (const path of ["/api/health", "/labs/swiss-roll-denoiser.json"]) {
    expect((await request.get(path)).headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

test("the lab sandbox keeps its own policy: an opaque origin with no connections, framed by this site only", async ({ request }) => {
  const policy = (await request.get("/lab-sandbox")).headers()["content-security-policy"];
  expect(policy).toContain("sandbox allow-scripts");
  expect(policy).toContain("connect-src 'none'");
  expect(policy).toContain("frame-ancestors 'self'");
});

test("another site cannot frame the app (clickjacking)", async ({ page, baseURL }) => {
  // The attacker's page, served from another origin on this machine (a page that Chromium counts as
  // public may not frame local servers at all, which would hide what the app's headers do), with a
  // control frame that is allowed to render.
  const attackerPage = `<h1>Win a prize</h1>
    <iframe name="victim" src="${baseURL}/login" width="800" height="400"></iframe>
    <iframe name="control" src="${baseURL}/api/health" width="200" height="100"></iframe>`;
  const attacker = http.createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(attackerPage));
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`, { waitUntil: "load" });
    // The control shows that a framed response from the app does render on the attacker's page…
    await expect(page.frame({ name: "control" })!.locator("body")).toContainText("ok");
    // …while the login page refuses to: its form is not there to be clicked through.
    const victim = page.frame({ name: "victim" })!;
    await victim.waitForLoadState("load");
    expect(await victim.locator("input[type=password]").count()).toBe(0);
  } finally {
    attacker.close();
  }
});

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

test("the web app listens on 127.0.0.1 only", async () => {
  expect(await connects("127.0.0.1", PORT)).toBe(true);
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal)
    .map((address) => address!.address);
  test.skip(external.length === 0, "this machine has no non-loopback interface to try");
  for (const address of external) expect(await connects(address, PORT), address).toBe(false);
});

test("injected markup cannot run script: inline handlers are refused and reported", async ({ page }) => {
  await page.goto("/login");
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (event) => violations.push(event.violatedDirective));
    const injected = document.createElement("div");
    // What a stored XSS would put on the page.
    injected.innerHTML = `<img src="data:," onerror="window.__injected = true">`;
    document.body.append(injected);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ran: (window as unknown as { __injected?: boolean }).__injected === true, violations };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.violations).toContain("script-src-attr");
});
