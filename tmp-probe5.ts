import { loadTf } from "./gpu-worker/engine/tfjs/backend";
const { tf, backend, skipped } = await loadTf();
console.log(backend, skipped, tf.add(tf.tensor1d([1,2]), 1).dataSync());
