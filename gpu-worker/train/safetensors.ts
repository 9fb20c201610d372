/**
 * Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length, a
 * JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}},
 * then the raw little-endian tensor bytes. Loads in Python with `safetensors.numpy.load_file`.
 * Only float32 tensors, which is all this project stores.
 */
export interface StoredTensor {
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsContent {
  tensors: Record<string, StoredTensor>;
  metadata: Record<string, string>;
}

export function encodeSafetensors({ tensors, metadata }: SafetensorsContent): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, { shape, data }] of Object.entries(tensors)) {
    header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  // The header is padded with spaces to a multiple of 8 so the tensor data stays aligned.
  let headerText = JSON.stringify(header);
  headerText += " ".repeat((8 - (new TextEncoder().encode(headerText).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const { data } of Object.values(tensors)) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    position += data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): SafetensorsContent {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  const dataStart = 8 + headerLength;
  const { __metadata__: metadata = {}, ...entries } = header as { __metadata__?: Record<string, string> };
  const tensors: Record<string, StoredTensor> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const { dtype, shape, data_offsets: [begin, end] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== "F32") throw new Error(`safetensors tensor ${name} has dtype ${dtype}; only F32 is supported`);
    // Copied out so the result is aligned and independent of `bytes`. Uint8Array's slice copies even
    // when `bytes` is a Node Buffer, whose own slice() returns a view of a shared pool.
    const data = new Float32Array(Uint8Array.prototype.slice.call(bytes, dataStart + begin, dataStart + end).buffer);
    tensors[name] = { shape, data };
  }
  return { tensors, metadata };
}
