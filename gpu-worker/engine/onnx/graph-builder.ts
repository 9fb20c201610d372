/**
 * A small builder for ONNX graphs: it names values, adds nodes, initializers, inputs and outputs, and
 * serializes the model with onnx-proto (protobufjs). Values are referred to by their ONNX names (plain
 * strings), so a graph reads like the code that built it and opens in Netron with the same names.
 *
 * Opset 17: ReduceSum takes its axes as an input (since 13); ReduceMean / ReduceSumSquare still take an
 * `axes` attribute (until 18). The `reduce*` helpers below hide that difference.
 */
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

export const ONNX_OPSET = 17;
/** IR version 8 is what onnx-proto 8 writes and every onnxruntime ≥ 1.10 reads. */
const IR_VERSION = 8;

/** The name of a value (tensor) in the graph. */
export type Value = string;

export type ElementType = "float" | "int64" | "bool";
/** A dimension is a fixed size or a symbolic name such as "batch". */
export type Dim = number | string;

/**
 * Node attribute values: integers and integer lists as INT/INTS, `{ float }` as FLOAT, strings as
 * STRING, `{ graph }` as GRAPH (the body of a Loop or the branches of an If).
 */
export type AttributeValue = number | number[] | string | { float: number } | { graph: onnxProto.onnx.IGraphProto };

const ELEMENT_TYPE_CODES: Record<ElementType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

function valueInfo(name: string, elementType: ElementType, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPE_CODES[elementType],
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === "string") return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; write { float: ${value} }`);
    return { name, type: types.INT, i: value };
  }
  if ("graph" in value) return { name, type: types.GRAPH, g: value.graph };
  return { name, type: types.FLOAT, f: value.float };
}

function bytesOf(data: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}

/**
 * Inputs + outputs of one Split or Concat node on a GPU provider. A GPU kernel binds each as a storage
 * buffer and WebGPU allows 8 per shader by default, so the WebGPU provider fails on a Split of the flat
 * parameter vector into ~100 tensors ("numbers_storage_buffers_ <= limit"); wider ones are built as
 * trees. The CPU provider has no such limit, and there one wide node is cheaper than a tree (each level
 * copies the data once more: ~0.1 ms of the 2D MLP's ~1.6 ms step).
 */
export const GPU_MAX_TENSORS_PER_NODE = 7;

/** The node width a graph for `provider` may use. */
export const maxTensorsPerNodeFor = (provider: string): number => (provider === "cpu" ? Infinity : GPU_MAX_TENSORS_PER_NODE);

/** `items` in at most `count` contiguous groups of near-equal length. */
function contiguousGroups<T>(items: T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: Math.ceil(items.length / size) }, (_, g) => items.slice(g * size, (g + 1) * size));
}

export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  /** Scalar and small constants are shared: one initializer per distinct value. */
  private readonly constantCache = new Map<string, Value>();
  private readonly scopes: string[] = [];
  /** Values renamed by `output`; later references to the old name are translated. */
  private readonly renamed = new Map<Value, Value>();

  /**
   * maxTensorsPerNode bounds the Split and Concat nodes that split() and concat() emit. usedNames is
   * shared with the enclosing graph's builder for a subgraph (see subgraph()).
   */
  constructor(
    readonly graphName: string,
    private readonly maxTensorsPerNode = Infinity,
    private readonly usedNames = new Set<string>(),
  ) {}

  /**
   * A builder for a subgraph of this graph (a Loop body). Its nodes may read this graph's values by
   * name; it shares this graph's set of names, so no name in either shadows one in the other.
   * Constants are its own (initializers of the subgraph).
   */
  subgraph(name: string): GraphBuilder {
    return new GraphBuilder(name, this.maxTensorsPerNode, this.usedNames);
  }

  /** A name not used yet in this graph, prefixed by the current scope ("blocks.0.fc/MatMul_3"). */
  uniqueName(base: string): string {
    const scoped = this.scopes.length > 0 ? `${this.scopes.join("/")}/${base}` : base;
    let name = scoped;
    for (let i = 1; this.usedNames.has(name); i++) name = `${scoped}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  /** Runs `build` with `scope` prepended to the names of the values and nodes it creates. */
  inScope<T>(scope: string, build: () => T): T {
    this.scopes.push(scope);
    try {
      return build();
    } finally {
      this.scopes.pop();
    }
  }

  private claim(name: string): Value {
    if (this.usedNames.has(name)) throw new Error(`ONNX graph ${this.graphName}: the name ${name} is already used`);
    this.usedNames.add(name);
    return name;
  }

  input(name: string, elementType: ElementType, dims: Dim[]): Value {
    this.inputs.push(valueInfo(this.claim(name), elementType, dims));
    return name;
  }

  /**
   * Declares `value` a graph output named `name`. A value computed by a node of this graph is renamed
   * in place (an Identity node would copy the tensor every run); graph inputs, initializers and values
   * already declared as outputs get an Identity.
   */
  output(value: Value, name: string, elementType: ElementType, dims: Dim[]): Value {
    const outName = this.claim(name);
    const current = this.renamed.get(value) ?? value;
    const producer = this.nodes.find((node) => node.output!.includes(current));
    const alreadyOutput = this.outputs.some((o) => o.name === current);
    if (producer && !alreadyOutput) {
      const rename = (names: string[]) => names.map((n) => (n === current ? outName : n));
      producer.output = rename(producer.output!);
      for (const node of this.nodes) node.input = rename(node.input!);
      this.renamed.set(value, outName);
    } else {
      this.nodes.push({ opType: "Identity", input: [current], output: [outName], name: `${outName}/Identity` });
    }
    this.outputs.push(valueInfo(outName, elementType, dims));
    return outName;
  }

  /** A named constant tensor stored in the model file (weights baked into an exported model). */
  initializer(name: string, data: Float32Array | BigInt64Array, dims: number[]): Value {
    return this.addInitializer(this.claim(name), data, dims);
  }

  private addInitializer(name: Value, data: Float32Array | BigInt64Array, dims: number[]): Value {
    const dataType = data instanceof Float32Array ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.INT64;
    this.initializers.push({ name, dims, dataType, rawData: bytesOf(data) });
    return name;
  }

  /** A float constant; a plain number gives a scalar. Equal constants share one initializer. */
  constant(values: number | number[] | Float32Array, dims?: number[]): Value {
    const data = typeof values === "number" ? Float32Array.of(values) : Float32Array.from(values);
    const shape = dims ?? (typeof values === "number" ? [] : [data.length]);
    return this.cachedConstant(`f:${shape.join("x")}:${data.join(",")}`, () => this.addInitializer(this.uniqueName("const"), data, shape));
  }

  /** An int64 vector constant (axes, shapes, indices). */
  int64s(values: number[]): Value {
    return this.cachedConstant(`i:${values.join(",")}`, () =>
      this.addInitializer(this.uniqueName("const_i64"), BigInt64Array.from(values.map(BigInt)), [values.length]),
    );
  }

  private cachedConstant(key: string, create: () => Value): Value {
    const cached = this.constantCache.get(key);
    if (cached !== undefined) return cached;
    const name = this.inScopeRoot(create);
    this.constantCache.set(key, name);
    return name;
  }

  /** Shared constants are named at the root so they don't look as if they belonged to one layer. */
  private inScopeRoot<T>(build: () => T): T {
    const saved = this.scopes.splice(0);
    try {
      return build();
    } finally {
      this.scopes.push(...saved);
    }
  }

  /** Adds one node with one output and returns that output's name. */
  op(opType: string, inputs: Value[], attributes: Record<string, AttributeValue> = {}): Value {
    return this.opMulti(opType, inputs, 1, attributes)[0];
  }

  /**
   * `x` cut along `axis` into pieces of the given sizes: one Split, or a tree of Splits where there
   * are more pieces than a node may have (maxTensorsPerNode).
   */
  split(x: Value, sizes: number[], axis = 0): Value[] {
    if (sizes.length === 1) return [x];
    // Split's inputs are x and the sizes.
    const maxPieces = this.maxTensorsPerNode - 2;
    if (sizes.length <= maxPieces) return this.opMulti("Split", [x, this.int64s(sizes)], sizes.length, { axis });
    const groups = contiguousGroups(sizes, maxPieces);
    const groupValues = this.split(x, groups.map((g) => g.reduce((a, b) => a + b, 0)), axis);
    return groups.flatMap((group, i) => this.split(groupValues[i], group, axis));
  }

  /** `values` joined along `axis`: one Concat, or a tree of them (see split). */
  concat(values: Value[], axis = 0): Value {
    if (values.length === 1) return values[0];
    if (values.length <= this.maxTensorsPerNode - 1) return this.op("Concat", values, { axis });
    return this.concat(contiguousGroups(values, this.maxTensorsPerNode - 1).map((group) => this.concat(group, axis)), axis);
  }

  /** Adds one node with `outputCount` outputs. */
  opMulti(opType: string, inputs: Value[], outputCount: number, attributes: Record<string, AttributeValue> = {}): Value[] {
    const name = this.uniqueName(opType);
    const output = Array.from({ length: outputCount }, (_, i) => (i === 0 ? name : this.uniqueName(`${opType}_out${i}`)));
    this.nodes.push({
      opType,
      name,
      input: inputs.map((v) => this.renamed.get(v) ?? v),
      output,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }

  // Shorthands for the operators every layer uses.
  add(a: Value, b: Value): Value {
    return this.op("Add", [a, b]);
  }
  sub(a: Value, b: Value): Value {
    return this.op("Sub", [a, b]);
  }
  mul(a: Value, b: Value): Value {
    return this.op("Mul", [a, b]);
  }
  div(a: Value, b: Value): Value {
    return this.op("Div", [a, b]);
  }
  matmul(a: Value, b: Value): Value {
    return this.op("MatMul", [a, b]);
  }
  /** Sums over `axes`; with no axes, over every axis (to a scalar when keepDims is false). */
  reduceSum(x: Value, axes: number[], keepDims = false): Value {
    return this.op("ReduceSum", axes.length > 0 ? [x, this.int64s(axes)] : [x], { keepdims: keepDims ? 1 : 0 });
  }
  reduceMean(x: Value, axes: number[], keepDims = false): Value {
    return this.op("ReduceMean", [x], { axes, keepdims: keepDims ? 1 : 0 });
  }
  /** Σ x² over all elements, a scalar. */
  sumOfSquares(x: Value): Value {
    return this.op("ReduceSumSquare", [x], { keepdims: 0 });
  }

  toGraphProto(): onnxProto.onnx.IGraphProto {
    return { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  toModelProto(docString = ""): onnxProto.onnx.ModelProto {
    return onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: ONNX_OPSET }],
      producerName: "diffusion-lab",
      docString,
      graph: this.toGraphProto(),
    });
  }

  serialize(docString = ""): Uint8Array {
    return onnx.ModelProto.encode(this.toModelProto(docString)).finish();
  }
}
