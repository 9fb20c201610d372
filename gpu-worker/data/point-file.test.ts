import { describe, expect, it } from "vitest";
import { encodeNpy, parsePointFile } from "./point-file";

const text = (value: string) => new TextEncoder().encode(value);
const circle = (count: number) => Array.from({ length: count }, (_, i) => [Math.cos(i), 2 + Math.sin(i)]);
const csv = (rows: number[][], header = "") => text(header + rows.map(([x, y]) => `${x},${y}`).join("\n") + "\n");

/** A .npy file as numpy.save writes it (version 1.0, the data 64-byte aligned). */
function npy(descr: string, shape: number[], values: number[], fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  header += " ".repeat((64 - ((10 + header.length + 1) % 64)) % 64) + "\n";
  const size = descr.endsWith("4") ? 4 : 8;
  const bytes = new Uint8Array(10 + header.length + values.length * size);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(text(header), 10);
  const data = new DataView(bytes.buffer, 10 + header.length);
  const little = !descr.startsWith(">");
  values.forEach((v, i) => (size === 4 ? data.setFloat32(i * 4, v, little) : data.setFloat64(i * 8, v, little)));
  return bytes;
}

describe("parsePointFile", () => {
  const rows = circle(20);
  const flat = rows.flat();

  it("reads CSV with or without a header, JSON, and .npy float32/float64 in either order", () => {
    expect(Array.from(parsePointFile("a.csv", csv(rows, "x,y\n")))).toEqual(flat);
    expect(Array.from(parsePointFile("a.csv", csv(rows)))).toEqual(flat);
    expect(Array.from(parsePointFile("a.txt", text(`\uFEFFlon, lat\r\n${rows.map(([x, y]) => ` ${x} , ${y} `).join("\r\n")}\r\n\r\n`)))).toEqual(flat);
    expect(Array.from(parsePointFile("a.json", text(JSON.stringify(rows))))).toEqual(flat);
    expect(Array.from(parsePointFile("a.npy", npy("<f8", [20, 2], flat)))).toEqual(flat);
    expect(Array.from(parsePointFile("a.npy", npy("<f4", [20, 2], flat)))).toEqual(flat.map(Math.fround));
    expect(Array.from(parsePointFile("a.npy", npy(">f8", [20, 2], flat)))).toEqual(flat);
    const columnMajor = [...rows.map(([x]) => x), ...rows.map(([, y]) => y)];
    expect(Array.from(parsePointFile("a.npy", npy("<f8", [20, 2], columnMajor, true)))).toEqual(flat);
    // What a run stores reads back exactly.
    expect(Array.from(parsePointFile("stored.npy", encodeNpy(Float64Array.from(flat))))).toEqual(flat);
  });

  it.each([
    ["a.csv", text("x,y\n1,2\n3,abc\n"), 'a.csv: line 3: y is "abc", not a number'],
    ["a.csv", text(`1,2\n3,4,5\n`), "a.csv: line 2 has 3 columns; each line needs exactly 2, x and y"],
    ["a.csv", text(`1,2\n,4\n`), 'a.csv: line 2: x is "", not a number'],
    ["a.csv", text(`1,2\ninf,4\n`), "a.csv: line 2: x is inf; every coordinate must be a finite number"],
    ["a.csv", text(`x,y,z\n1,2,3\n`), "a.csv: line 1 has 3 columns"],
    ["a.json", text(`[[1, 2], [3]]`), "a.json: point 2 is [3], not an [x, y] pair"],
    ["a.json", text(`[[1, 2], [3, "4"]]`), 'a.json: point 2: y is "4", not a number'],
    ["a.json", text(`[[1, 2], [1e999, 4]]`), "a.json: point 2: x overflows to Infinity"],
    ["a.json", text(`{"points": []}`), "a.json: holds no array"],
    ["a.json", text(`[[1, 2],`), "a.json: is not valid JSON"],
    ["a.npy", npy("<i8", [20, 2], []), "a.npy: holds <i8; save float32 or float64 coordinates"],
    ["a.npy", npy("<f8", [20, 3], flat), "a.npy: has shape (20, 3); save an N×2 array"],
    ["a.npy", npy("<f8", [40, 2], flat), "a.npy: is truncated"],
    ["a.npy", text("not numpy at all"), "a.npy: is not a .npy file"],
    ["a.npy", npy("<f8", [20, 2], [NaN, ...flat.slice(1)]), "a.npy: point 1: x is NaN; every coordinate must be a finite number"],
    ["a.xlsx", text("1,2"), "a.xlsx: unknown format; use a .csv"],
    ["a.csv", csv(circle(15)), "a.csv: holds 15 points; a distribution to learn needs at least 16"],
    ["a.csv", csv(circle(20).map(([, y]) => [3, y])), "a.csv: every point has x = 3; the model standardizes each axis"],
    ["a.csv", new Uint8Array([0xff, 0xfe, 0x31]), "a.csv: is not UTF-8 text"],
  ])("%s: refuses a bad file, naming the line and the problem (%#)", (name, bytes, message) => {
    expect(() => parsePointFile(name, bytes)).toThrow(message);
  });

  it("refuses more than 200,000 points and files over the size limit", () => {
    expect(() => parsePointFile("big.npy", npy("<f4", [200_001, 2], Array.from({ length: 400_002 }, (_, i) => i)))).toThrow(
      "big.npy: holds 200,001 points, above the limit of 200,000",
    );
    expect(() => parsePointFile("huge.csv", new Uint8Array(8 * 1024 * 1024 + 1))).toThrow("huge.csv: is 8.0 MB, above the limit of 8.0 MB");
  });
});
