/**
 * Your own 2D points: a file read into interleaved [x0, y0, x1, y1, …] float64 coordinates, as given.
 * Three formats, told apart by the file's extension:
 *   .csv / .txt  one point per line, "x,y", with or without a header line of two names ("x,y");
 *   .json        an array of [x, y] pairs;
 *   .npy         a NumPy array of float32 or float64, shape (N, 2).
 * Every coordinate must be a finite number; the file holds POINT_FILE_LIMITS.minPoints to maxPoints
 * points in at most maxBytes, and each axis needs some spread (the model standardizes each axis).
 * Errors are PointFileErrors whose message names the file, the line (or point) and the problem, and
 * says what to do. Pure (no file system): the CLI, the web form (a check before upload), the server
 * (the check that counts) and the worker all read files here.
 */
import { POINT_FILE_LIMITS } from "../contracts/jobs";

export class PointFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "PointFileError";
  }
}

export const POINT_FILE_FORMATS = ["csv", "json", "npy"] as const;
export type PointFileFormat = (typeof POINT_FILE_FORMATS)[number];

/** The format a file name's extension says, or null. */
export function pointFileFormat(name: string): PointFileFormat | null {
  const extension = name.toLowerCase().split(".").pop();
  if (extension === "csv" || extension === "txt") return "csv";
  return extension === "json" || extension === "npy" ? extension : null;
}

/** Reads and checks a points file; throws a PointFileError naming the line and the problem. */
export function parsePointFile(name: string, bytes: Uint8Array): Float64Array {
  const fail: Fail = (problem) => {
    throw new PointFileError(name, problem);
  };
  if (bytes.byteLength > POINT_FILE_LIMITS.maxBytes) {
    fail(`is ${megabytes(bytes.byteLength)}, above the limit of ${megabytes(POINT_FILE_LIMITS.maxBytes)}; keep at most ${POINT_FILE_LIMITS.maxPoints.toLocaleString("en")} points`);
  }
  const format = pointFileFormat(name);
  if (format === null) fail("unknown format; use a .csv (x,y per line), .json ([[x, y], …]) or .npy (float32/float64, shape N×2) file");
  const points = format === "npy" ? readNpy(bytes, fail) : format === "json" ? readJson(decodeText(bytes, fail), fail) : readCsv(decodeText(bytes, fail), fail);
  checkPoints(points, fail);
  return points;
}

type Fail = (problem: string) => never;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function decodeText(bytes: Uint8Array, fail: Fail): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("is not UTF-8 text; save it as plain text (CSV or JSON) or as a .npy array");
  }
}

/** A decimal or scientific number as written in CSV files (Number() alone would take "" and "0x1f"). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NON_FINITE = /^[+-]?(inf|infinity|nan)$/i;

function readCsv(text: string, fail: Fail): Float64Array {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const values: number[] = [];
  let firstData = true;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const lineNumber = index + 1;
    const fields = line.split(",").map((field) => field.trim());
    const isHeader = firstData && fields.every((field) => !NUMBER.test(field) && !NON_FINITE.test(field));
    firstData = false;
    if (fields.length !== 2) {
      fail(`line ${lineNumber} has ${fields.length} column${fields.length === 1 ? "" : "s"}; each line needs exactly 2, x and y, separated by a comma`);
    }
    if (isHeader) continue;
    for (const [column, field] of fields.entries()) {
      const axis = column === 0 ? "x" : "y";
      if (NON_FINITE.test(field)) fail(`line ${lineNumber}: ${axis} is ${field}; every coordinate must be a finite number`);
      if (!NUMBER.test(field)) fail(`line ${lineNumber}: ${axis} is "${field.slice(0, 40)}", not a number; write numbers like 1.5 or -2e-3`);
      values.push(Number(field));
    }
  }
  return Float64Array.from(values);
}

function readJson(text: string, fail: Fail): Float64Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message}); write an array of [x, y] pairs`);
  }
  if (!Array.isArray(parsed)) return fail("holds no array; write an array of [x, y] pairs, e.g. [[0.5, 1.2], [0.7, 1.1]]");
  const values = new Float64Array(2 * parsed.length);
  for (const [index, point] of (parsed as unknown[]).entries()) {
    const where = `point ${index + 1}`;
    if (!Array.isArray(point) || point.length !== 2) fail(`${where} is ${JSON.stringify(point)?.slice(0, 40)}, not an [x, y] pair`);
    const pair = point as unknown[];
    for (const [column, value] of pair.entries()) {
      const axis = column === 0 ? "x" : "y";
      // JSON has no Infinity or NaN, so a non-finite coordinate can only arrive as a huge literal (1e999).
      if (typeof value !== "number") fail(`${where}: ${axis} is ${JSON.stringify(value)?.slice(0, 40)}, not a number`);
      if (!Number.isFinite(value)) fail(`${where}: ${axis} overflows to ${value}; every coordinate must be a finite number`);
      values[2 * index + column] = value as number;
    }
  }
  return values;
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** A .npy array (format versions 1–3): float32 or float64 of shape (N, 2), either byte order, C or Fortran order. */
function readNpy(bytes: Uint8Array, fail: Fail): Float64Array {
  if (bytes.byteLength < 10 || NPY_MAGIC.some((byte, i) => bytes[i] !== byte)) fail("is not a .npy file (no \\x93NUMPY header); save it with numpy.save");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`is .npy format version ${major}, which this reader does not know; save it with numpy.save`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = (major === 1 ? 10 : 12) + headerLength;
  if (dataStart > bytes.byteLength) fail("has a truncated .npy header");
  const header = new TextDecoder("latin1").decode(bytes.subarray(major === 1 ? 10 : 12, dataStart));
  const descr = /'descr':\s*'([<>|=])f([48])'/.exec(header);
  if (!descr) fail(`holds ${/'descr':\s*'([^']*)'/.exec(header)?.[1] ?? "an unknown type"}; save float32 or float64 coordinates (array.astype("float64"))`);
  const [, order, size] = descr as RegExpExecArray;
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1].split(",").map((d) => d.trim()).filter((d) => d !== "").map(Number);
  if (!shape || shape.length !== 2 || shape[1] !== 2) fail(`has shape (${shape?.join(", ") ?? "?"}); save an N×2 array, one row (x, y) per point`);
  const [rows] = shape as number[];
  const fortran = /'fortran_order':\s*True/.test(header);
  const itemSize = Number(size);
  if (dataStart + rows * 2 * itemSize > bytes.byteLength) fail(`is truncated: its header promises ${rows} points, the file holds fewer`);
  const littleEndian = order !== ">";
  const values = new Float64Array(2 * rows);
  for (let i = 0; i < rows; i++) {
    for (let column = 0; column < 2; column++) {
      const element = fortran ? column * rows + i : 2 * i + column;
      const offset = dataStart + element * itemSize;
      values[2 * i + column] = itemSize === 4 ? view.getFloat32(offset, littleEndian) : view.getFloat64(offset, littleEndian);
    }
  }
  return values;
}

function checkPoints(points: Float64Array, fail: Fail): void {
  const count = points.length / 2;
  const { minPoints, maxPoints } = POINT_FILE_LIMITS;
  if (count < minPoints) fail(`holds ${count} point${count === 1 ? "" : "s"}; a distribution to learn needs at least ${minPoints}`);
  if (count > maxPoints) fail(`holds ${count.toLocaleString("en")} points, above the limit of ${maxPoints.toLocaleString("en")}; keep a random subset`);
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) fail(`point ${Math.floor(i / 2) + 1}: ${i % 2 === 0 ? "x" : "y"} is ${points[i]}; every coordinate must be a finite number`);
  }
  for (const [column, axis] of ["x", "y"].entries()) {
    const first = points[column];
    let same = true;
    for (let i = column; i < points.length && same; i += 2) same = points[i] === first;
    if (same) fail(`every point has ${axis} = ${first}; the model standardizes each axis, so both need some spread`);
  }
}

/** Points as a float64 .npy file of shape (N, 2): how a run stores its uploaded data (and what parsePointFile reads back). */
export function encodeNpy(points: Float64Array): Uint8Array {
  const rows = points.length / 2;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, 2), }`;
  // The data starts at a multiple of 64 bytes; the header ends with a newline.
  const unpadded = 10 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const bytes = new Uint8Array(10 + header.length + points.byteLength);
  bytes.set(NPY_MAGIC, 0);
  bytes[6] = 1;
  bytes[7] = 0;
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  const data = new DataView(bytes.buffer, 10 + header.length);
  points.forEach((value, i) => data.setFloat64(8 * i, value, true));
  return bytes;
}
