/**
 * onnxruntime-web's WebAssembly runtime, served from this app's own node_modules so Lab 2's denoiser
 * runs without any CDN. Only the three files the wasm build loads are served.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

const FILES: Record<string, string> = {
  "ort.wasm.min.mjs": "text/javascript; charset=utf-8",
  "ort-wasm-simd-threaded.mjs": "text/javascript; charset=utf-8",
  "ort-wasm-simd-threaded.wasm": "application/wasm",
};

const ORT_DIST = path.join(process.cwd(), "node_modules", "onnxruntime-web", "dist");

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const contentType = FILES[file];
  if (!contentType) return new Response(`No onnxruntime file "${file}"; this route serves ${Object.keys(FILES).join(", ")}.`, { status: 404 });
  const bytes = await readFile(path.join(ORT_DIST, file));
  // The files change only with the package version; the browser may keep them for a day.
  return new Response(new Uint8Array(bytes), { headers: { "content-type": contentType, "cache-control": "public, max-age=86400" } });
}
