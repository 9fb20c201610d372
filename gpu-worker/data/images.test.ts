import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loadImageDataset } from "./images";

/** A solid-colour PNG; `gray` writes a genuinely 1-channel file. */
async function solidPng(width: number, height: number, value: number, gray = false): Promise<Buffer> {
  const channels = gray ? 1 : 3;
  const raw = Buffer.alloc(width * height * channels, value);
  const image = sharp(raw, { raw: { width, height, channels } });
  return (gray ? image.toColourspace("b-w") : image).png().toBuffer();
}

/** A folder with `files` written into it. */
function folderWith(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmpdir(), "images-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

let red8: Buffer;
let black8: Buffer;
let gray8: Buffer;
let red16x12: Buffer;

beforeAll(async () => {
  // Red = (255, 0, 0): channel planes of 1, −1, −1 after scaling.
  red8 = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
  black8 = await solidPng(8, 8, 0);
  gray8 = await solidPng(8, 8, 255, true);
  red16x12 = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 255, g: 0, b: 0 } } }).jpeg().toBuffer();
});

describe("loadImageDataset", () => {
  it("loads a folder recursively, resized, channels first, in [−1, 1]", async () => {
    const dir = folderWith({ "b/red.png": red16x12, "a.png": black8, "notes.txt": "not an image" });
    const data = await loadImageDataset(dir, { size: 4, channels: 3 });
    expect(data.files).toEqual(["a.png", "b/red.png"]);
    expect([data.count, data.channels, data.height, data.width]).toEqual([2, 3, 4, 4]);
    expect(Array.from(data.images.subarray(0, 48)).every((v) => v === -1)).toBe(true);
    const red = data.images.subarray(48);
    // JPEG is lossy: within a few levels of the solid colour, plane by plane.
    expect(Math.min(...red.subarray(0, 16))).toBeGreaterThan(0.95);
    expect(Math.max(...red.subarray(16))).toBeLessThan(-0.9);
  });

  it("loads a zip, converting to grayscale", async () => {
    const zipPath = join(mkdtempSync(join(tmpdir(), "zip-")), "team.zip");
    writeFileSync(zipPath, zipSync({ "imgs/one.png": red8, "imgs/two.PNG": gray8, "__MACOSX/imgs/._one.png": new Uint8Array(3) }));
    const data = await loadImageDataset(zipPath, { size: 2, channels: 1 });
    expect(data.files).toEqual(["imgs/one.png", "imgs/two.PNG"]);
    expect([data.count, data.channels, data.height, data.width]).toEqual([2, 1, 2, 2]);
    expect(data.images[7]).toBe(1);
  });

  it("uses images as stored when resize is off, and refuses mixed sizes or channels", async () => {
    const same = await loadImageDataset(folderWith({ "x.png": red8, "y.png": black8 }), { resize: false });
    expect([same.channels, same.height, same.width]).toEqual([3, 8, 8]);
    const gray = await loadImageDataset(folderWith({ "g.png": gray8 }), { resize: false });
    expect(gray.channels).toBe(1);
    await expect(loadImageDataset(folderWith({ "x.png": red8, "y.jpg": red16x12 }), { resize: false })).rejects.toThrow(
      /mixed image sizes: x.png is 8×8 but y.jpg is 16×12; turn resize on/,
    );
    await expect(loadImageDataset(folderWith({ "x.png": red8, "y.png": gray8 }), { resize: false })).rejects.toThrow(
      /mixed channels: x.png has 3 but y.png has 1/,
    );
  });

  it("names unreadable files and bad sources", async () => {
    const broken = folderWith({ "ok.png": red8, "broken.png": "definitely not a png" });
    await expect(loadImageDataset(broken, { size: 4 })).rejects.toThrow(/cannot decode broken.png/);
    await expect(loadImageDataset(folderWith({ "a.txt": "x" }), { size: 4 })).rejects.toThrow(/no .png, .jpg or .jpeg files found/);
    await expect(loadImageDataset("/nonexistent/images", { size: 4 })).rejects.toThrow(/no such folder or zip file/);
    await expect(loadImageDataset(broken, {})).rejects.toThrow(/size: resizing needs a positive integer size/);
    const badZip = join(folderWith({}), "bad.zip");
    writeFileSync(badZip, readFileSync(join(broken, "broken.png")));
    await expect(loadImageDataset(badZip, { size: 4 })).rejects.toThrow(/bad.zip: not a readable zip file/);
  });
});
