/**
 * The sample scatter plot a run shows: generated points over a faint draw of the data set, as an SVG
 * rendered to PNG with sharp (no canvas or browser on the worker).
 */
import sharp from "sharp";
import { scatterBounds } from "./scatter-bounds";

export interface ScatterPlotOptions {
  /** Interleaved [x0, y0, x1, y1, …]. */
  generated: Float32Array;
  reference: Float32Array;
  title: string;
  size?: number;
}

const MARGIN = 24;
const TITLE_HEIGHT = 28;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function scatterPlotSvg({ generated, reference, title, size = 480 }: ScatterPlotOptions): string {
  const { minX, minY, span, offsetX, offsetY } = scatterBounds([generated, reference]);
  const plot = size - 2 * MARGIN;
  const circles = (points: Float32Array, fill: string, opacity: number) => {
    const parts: string[] = [];
    for (let i = 0; i < points.length; i += 2) {
      if (!Number.isFinite(points[i]) || !Number.isFinite(points[i + 1])) continue;
      const cx = MARGIN + ((points[i] - minX + offsetX) / span) * plot;
      // SVG's y axis points down.
      const cy = TITLE_HEIGHT + MARGIN + plot - ((points[i + 1] - minY + offsetY) / span) * plot;
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="1.6"/>`);
    }
    return `<g fill="${fill}" fill-opacity="${opacity}">${parts.join("")}</g>`;
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + TITLE_HEIGHT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="20" font-family="sans-serif" font-size="14" fill="#0f172a">${escapeXml(title)}</text>`,
    circles(reference, "#94a3b8", 0.35),
    circles(generated, "#4f46e5", 0.7),
    `</svg>`,
  ].join("");
}

export async function renderScatterPlotPng(options: ScatterPlotOptions): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(scatterPlotSvg(options))).png().toBuffer());
}
