import { describe, expect, it } from "vitest";
import { safeRedirectPath, sameOriginRedirect } from "./safe-redirect";

/** Open-redirect spellings: each makes a browser leave the site if used as a path. */
const FOREIGN_CALLBACKS = [
  "//evil.example/x",
  "/\\evil.example/x",
  "\\\\evil.example/x",
  "/\t/evil.example/x",
  "/%2Fevil.example/x",
  "/%2fevil.example/x",
  "/%5Cevil.example/x",
  "/%09/evil.example/x",
  "/%252Fevil.example/x",
  "https://evil.example/x",
  "http:evil.example",
  "javascript:alert(1)",
  " /evil",
  "evil.example/x",
  "/%E0%A4%A",
];

describe("safeRedirectPath", () => {
  it.each(FOREIGN_CALLBACKS)("refuses %j", (value) => expect(safeRedirectPath(value)).toBe("/"));

  it.each(["/", "/courses/diffusion-models", "/courses/x?tab=runs#loss", "/courses/a%2Fb", "/search?q=%2F%2F"])("keeps %s", (value) => {
    expect(safeRedirectPath(value)).toBe(value);
  });
});

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  const baseUrl = "http://localhost:3000";
  it.each([
    ["/courses/x", "http://localhost:3000/courses/x"],
    ["http://localhost:3000/courses/x?y=1", "http://localhost:3000/courses/x?y=1"],
    ["http://localhost:3000/\\evil.example/x", "http://localhost:3000"],
    ["https://evil.example/x", "http://localhost:3000"],
    ["http://localhost:3001/x", "http://localhost:3000"],
    ["/\\evil.example/x", "http://localhost:3000"],
    ["//evil.example", "http://localhost:3000"],
  ])("%s → %s", (url, expected) => expect(sameOriginRedirect({ url, baseUrl })).toBe(expected));
});
