import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { compareOnThread, hashOnThread } from "./bcrypt-threads";

describe("bcrypt on worker threads", () => {
  it("makes hashes bcryptjs checks, and checks bcryptjs' hashes", async () => {
    const hash = await hashOnThread("reverse-process-1", 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(bcrypt.compareSync("reverse-process-1", hash)).toBe(true);
    const theirs = bcrypt.hashSync("forward-process-2", 4);
    expect(await compareOnThread("forward-process-2", theirs)).toBe(true);
    expect(await compareOnThread("forward-process-3", theirs)).toBe(false);
  });

  it("answers many at once, each with its own result", async () => {
    const hashes = await Promise.all(Array.from({ length: 8 }, (_, index) => hashOnThread(`password-${index}`, 4)));
    const checks = await Promise.all(hashes.map((hash, index) => compareOnThread(`password-${index % 2 === 0 ? index : index + 1}`, hash)));
    expect(checks).toEqual([true, false, true, false, true, false, true, false]);
  });

});
