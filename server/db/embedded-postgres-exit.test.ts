import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** A process that loads the embedded PostgreSQL module, sets `exitCode` and lets its event loop drain. */
function exitStatusAfterSetting(exitCode: number) {
  const script = `await import("./server/db/embedded-postgres.ts"); process.exitCode = ${exitCode};`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" }).status;
}

describe("a process that uses the embedded PostgreSQL", () => {
  // vitest reports failed tests this way: an exit code of 0 here made a failing suite pass CI.
  it("keeps the failing exit code it set when its event loop drains", () => {
    expect(exitStatusAfterSetting(3)).toBe(3);
  });

  it("still exits 0 when nothing failed", () => {
    expect(exitStatusAfterSetting(0)).toBe(0);
  });
});
