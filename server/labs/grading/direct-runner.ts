/**
 * A SandboxRunner without the sandbox: evaluates cells in the current realm. Only for tests (Node has
 * no iframe), which run the lab sheets' own starter and solution code; never for student code.
 */
import type { SandboxRunner } from "./grader";
import { callFunctions, loadCells, type CellStart } from "./sandbox-runtime";

export function directRunner(): SandboxRunner {
  let starts: CellStart[] = [];
  return {
    load: async (cells) => {
      const loaded = loadCells(cells);
      starts = loaded.starts;
      return loaded.result;
    },
    call: async (calls) => callFunctions(calls, starts),
  };
}
