import { describe, expect, it } from "vitest";
import { isPdf } from "./file-type";

describe("isPdf", () => {
  it("recognises a PDF by its signature, even after a few stray bytes", () => {
    expect(isPdf(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toBe(true);
    expect(isPdf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("%PDF-1.4")]))).toBe(true);
  });

  it("refuses other content whatever its name said", () => {
    expect(isPdf(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false); // a .docx is a zip
    expect(isPdf(Buffer.from("<html>%PDF-</html>".padStart(2000, " ")))).toBe(false);
    expect(isPdf(new Uint8Array())).toBe(false);
  });
});
