/** Builders for the data loaders' tests. */

/** An IDX file: 00 00 type rank, big-endian dims, then `payload` as given. */
export function idxBytes(type: number, dims: number[], payload: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint8(2, type);
  header.setUint8(3, dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const bytes = new Uint8Array(header.byteLength + payload.length);
  bytes.set(new Uint8Array(header.buffer));
  bytes.set(payload, header.byteLength);
  return bytes;
}
