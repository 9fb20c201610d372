/**
 * Reverse-mode differentiation at layer granularity. Running a model's `forward` through an OnnxTape
 * emits each layer's forward nodes and records (layer, inputs, output, saved values); `backward` then
 * walks the records in reverse, calls each layer's hand-written gradient rule, and sums the gradients
 * of values used by several layers (the multivariate chain rule: dL/dv = Σ over consumers).
 */
import { type Layer } from "../layer";
import type { Wiring } from "../../models/model";
import type { GraphBuilder, Value } from "./graph-builder";

interface TapeRecord {
  layer: Layer;
  inputs: Value[];
  params: Value[];
  output: Value;
  saved: Value[];
}

export class OnnxTape implements Wiring<Value> {
  private readonly records: TapeRecord[] = [];
  /** Values that depend on at least one parameter; only these get gradients. */
  private readonly differentiable = new Set<Value>();

  /** @param paramValue the graph value holding each parameter (a graph input or an initializer) */
  constructor(
    private readonly b: GraphBuilder,
    private readonly paramValue: (paramName: string) => Value,
  ) {}

  apply(layer: Layer, inputs: Value[]): Value {
    const params = layer.params.map((p) => this.paramValue(p.name));
    const { output, saved = [] } = this.b.inScope(layer.name, () => layer.onnxForward(this.b, inputs, params));
    const dependsOnParams = params.length > 0 || inputs.some((v) => this.differentiable.has(v));
    if (dependsOnParams) {
      if (!layer.onnxBackward) throw new Error(`layer ${layer.name} has no gradient rule but its output depends on parameters`);
      this.differentiable.add(output);
    }
    this.records.push({ layer, inputs, params, output, saved });
    return output;
  }

  /**
   * Emits the backward pass from dL/d(output) and returns dL/dθ for every parameter name.
   * A parameter the output does not depend on gets no entry.
   */
  backward(output: Value, dOutput: Value): Map<string, Value> {
    const pending = new Map<Value, Value[]>([[output, [dOutput]]]);
    const paramGrads = new Map<string, Value>();
    for (const record of [...this.records].reverse()) {
      const { layer } = record;
      const contributions = pending.get(record.output);
      const backward = layer.onnxBackward?.bind(layer);
      if (!contributions || !backward) continue;
      this.b.inScope(`grad/${layer.name}`, () => {
        const dOut = contributions.reduce((sum, g) => this.b.add(sum, g));
        const needsInputGrad = record.inputs.map((v) => this.differentiable.has(v));
        const { dInputs, dParams } = backward(this.b, { ...record, needsInputGrad }, dOut);
        record.inputs.forEach((input, i) => {
          const d = dInputs[i];
          if (d === null || !needsInputGrad[i]) return;
          const list = pending.get(input) ?? [];
          list.push(d);
          pending.set(input, list);
        });
        // A layer applied twice (shared weights) contributes to its parameters' gradients twice.
        layer.params.forEach((p, j) => {
          const earlier = paramGrads.get(p.name);
          paramGrads.set(p.name, earlier === undefined ? dParams[j] : this.b.add(earlier, dParams[j]));
        });
      });
    }
    return paramGrads;
  }
}
