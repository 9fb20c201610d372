/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
 * magic 00 00 <type> <rank>, then <rank> big-endian uint32 dimensions, then the data, big-endian.
 * Gzipped files (magic 1f 8b) are inflated first.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

/** A file that is not a valid IDX file, named in the message. */
export class IdxFormatError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "IdxFormatError";
  }
}

type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  dims: number[];
  data: IdxData;
}

interface IdxType {
  bytes: number;
  read: (view: DataView, offset: number) => number;
  create: (length: number) => IdxData;
}

const IDX_TYPES: Record<number, IdxType> = {
  0x08: { bytes: 1, read: (v, o) => v.getUint8(o), create: (n) => new Uint8Array(n) },
  0x09: { bytes: 1, read: (v, o) => v.getInt8(o), create: (n) => new Int8Array(n) },
  0x0b: { bytes: 2, read: (v, o) => v.getInt16(o), create: (n) => new Int16Array(n) },
  0x0c: { bytes: 4, read: (v, o) => v.getInt32(o), create: (n) => new Int32Array(n) },
  0x0d: { bytes: 4, read: (v, o) => v.getFloat32(o), create: (n) => new Float32Array(n) },
  0x0e: { bytes: 8, read: (v, o) => v.getFloat64(o), create: (n) => new Float64Array(n) },
};

const GZIP_MAGIC = [0x1f, 0x8b];

/** Parses IDX bytes (gzipped or not); `source` names the file in error messages. */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  let buffer = bytes;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      buffer = gunzipSync(bytes);
    } catch (error) {
      throw new IdxFormatError(source, `corrupt or truncated gzip data (${(error as Error).message})`);
    }
  }
  if (buffer.length < 4) throw new IdxFormatError(source, `only ${buffer.length} bytes; an IDX header needs at least 4`);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const type = IDX_TYPES[buffer[2]];
  const rank = buffer[3];
  if (buffer[0] !== 0 || buffer[1] !== 0 || !type || rank === 0) {
    const magic = Array.from(buffer.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new IdxFormatError(source, `not an IDX file: magic bytes ${magic}, expected 00 00 <type 08/09/0b/0c/0d/0e> <rank ≥ 1>`);
  }
  const headerBytes = 4 + 4 * rank;
  if (buffer.length < headerBytes) throw new IdxFormatError(source, `truncated header: rank ${rank} needs ${headerBytes} bytes, file has ${buffer.length}`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const length = dims.reduce((a, b) => a * b, 1);
  const expectedBytes = headerBytes + length * type.bytes;
  if (buffer.length !== expectedBytes) {
    const problem = buffer.length < expectedBytes ? "truncated" : "has trailing bytes";
    throw new IdxFormatError(source, `${problem}: dimensions ${dims.join("×")} need ${expectedBytes} bytes, file has ${buffer.length}`);
  }
  const data = type.create(length);
  if (type.bytes === 1) {
    data.set(buffer.subarray(headerBytes)); // single bytes: no byte order to undo
  } else {
    for (let i = 0; i < length; i++) data[i] = type.read(view, headerBytes + i * type.bytes);
  }
  return { dims, data };
}

/** Reads and parses an IDX file (.gz or plain). */
export async function readIdxFile(path: string): Promise<IdxArray> {
  return parseIdx(await readFile(path), path);
}
