import sharp from "sharp";
import { expect, it } from "vitest";
import { renderScatterPlotPng, scatterPlotSvg } from "./scatter-plot";

const generated = Float32Array.from([0, 0, 1, 1, 2, 0.5]);
const reference = Float32Array.from([0, 1, Number.NaN, 0]);

it("draws every finite point and skips the others", () => {
  const svg = scatterPlotSvg({ generated, reference, title: "moons <test>" });
  expect(svg.match(/<circle /g)).toHaveLength(4);
  expect(svg).toContain("moons &#60;test&#62;");
});

it("renders a PNG of the requested size plus the title band", async () => {
  const png = await renderScatterPlotPng({ generated, reference, title: "t", size: 200 });
  expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 200, height: 228 });
});
