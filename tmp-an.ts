import { loadModelDir } from "./gpu-worker/train/model-dir";
import { sampleModel } from "./gpu-worker/train/sample";
import { sampleToy2d, normalizeToy2d, denormalizeToy2d } from "./gpu-worker/data/toy2d";
import { Rng } from "./gpu-worker/ddpm/random";
const saved = await loadModelDir("/tmp/model-swiss_roll");
const s = await sampleModel(saved, { n: 2048, sampler: "ddpm", steps: 1000, seed: 123 });
const ref = sampleToy2d("swiss_roll", 2048, new Rng(999));
const r = normalizeToy2d(denormalizeToy2d(ref.points, ref), saved.config.normalization);
const g = s.normalizedPoints;
function nn(a: Float32Array, b: Float32Array) { const out: number[] = []; for (let i=0;i<a.length/2;i++){ let m=Infinity; for (let j=0;j<b.length/2;j++){ const d=(a[2*i]-b[2*j])**2+(a[2*i+1]-b[2*j+1])**2; if(d<m)m=d;} out.push(m);} return out.sort((x,y)=>x-y); }
for (const [name, d] of [["gen->ref", nn(g, r)], ["ref->gen", nn(r, g)]] as const) {
  const sum = d.reduce((a,b)=>a+b,0);
  console.log(name, "sum", sum.toFixed(1), "median", d[1024].toFixed(4), "p90", d[1843].toFixed(4), "p99", d[2027].toFixed(4), "top20 sum", d.slice(-20).reduce((a,b)=>a+b,0).toFixed(1), "top100 sum", d.slice(-100).reduce((a,b)=>a+b,0).toFixed(1));
}
