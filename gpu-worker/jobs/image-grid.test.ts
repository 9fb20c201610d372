import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderImageGridPng } from "./image-grid";

describe("the image grid", () => {
  it("lays images out in rows, upscaled, with white gutters, mapping [−1, 1] to black–white", async () => {
    // Three 1×2×2 images: black, white, and one overshooting x_t (clamped) with a mid-grey pixel.
    const images = new Float32Array([-1, -1, -1, -1, 1, 1, 1, 1, -3, 3, 0, 0]);
    const png = await renderImageGridPng({ images, shape: [1, 2, 2], columns: 2, scale: 2, gutter: 1 });
    // 2 columns of 4 px + 3 gutters; 2 rows likewise. Greyscale: one channel.
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 11, height: 11, channels: 1 });
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data[y * info.width + x];
    expect([pixel(0, 0), pixel(1, 1), pixel(4, 4), pixel(6, 1), pixel(9, 4)]).toEqual([255, 0, 0, 255, 255]);
    // The third image, second row: clamped −3 → black, 3 → white, 0 → mid grey; the empty cell stays white.
    expect([pixel(1, 6), pixel(3, 6), pixel(1, 8), pixel(7, 7)]).toEqual([0, 255, 128, 255]);
  });

  it("refuses values that are not whole images", async () => {
    await expect(renderImageGridPng({ images: new Float32Array(5), shape: [1, 2, 2], columns: 2 })).rejects.toThrow(/whole images of shape \[1, 2, 2\]/);
  });
});
