/**
 * The Dockerfile's two images, checked by reading the files (no Docker engine runs on the development
 * machines): the worker image can reach an NVIDIA GPU through Vulkan, and the web image carries no dev
 * dependencies and runs nothing that only dev dependencies provide.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Stage {
  name: string;
  from: string;
  /** Instructions with their continuation lines joined, comments dropped. */
  instructions: string[];
}

function dockerfileStages(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction);
    if (from) stages.push({ from: from[1], name: from[2] ?? `stage ${stages.length}`, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const stages = dockerfileStages(readFileSync("Dockerfile", "utf8"));
const stage = (name: string) => {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`the Dockerfile has no stage named ${name}`);
  return found;
};
/** A stage's own instructions and those of the stages it is built on (FROM <stage>), base first. */
const lineage = (name: string): string[] => {
  const { from, instructions } = stage(name);
  return [...(stages.some((candidate) => candidate.name === from) ? lineage(from) : []), ...instructions];
};
/** ENV instructions as a map (the `ENV A=1 B=2` form). */
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries(lineage(name).filter((line) => line.startsWith("ENV ")).flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])));
const copiedFrom = (name: string) => stage(name).instructions.flatMap((line) => /^COPY\s+--from=(\S+)/.exec(line)?.[1] ?? []);
const installsDependencies = (line: string) => /\bnpm (ci|install|i)\b/.test(line);

const compose = parse(readFileSync("docker-compose.yml", "utf8"));
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

describe("the worker image", () => {
  it("has the Vulkan loader onnxruntime's WebGPU provider opens", () => {
    expect(lineage("worker").some((line) => /apt-get install\b.*\blibvulkan1\b/.test(line))).toBe(true);
  });

  it("asks the NVIDIA container toolkit for the graphics capability (the driver's Vulkan library)", () => {
    expect(envOf("worker").NVIDIA_DRIVER_CAPABILITIES?.split(",")).toEqual(expect.arrayContaining(["compute", "utility", "graphics"]));
  });

  it("defaults to a GPU provider and runs the worker", () => {
    expect(["webgpu", "cuda"]).toContain(envOf("worker").WORKER_PROVIDER);
    expect(lineage("worker").filter((line) => line.startsWith("CMD")).at(-1)).toBe('CMD ["npm", "run", "worker"]');
  });
});

describe("the web image", () => {
  it("is the default target and listens on the container's interfaces", () => {
    expect(stages.at(-1)?.name).toBe("web");
    expect(envOf("web").HOST).toBe("0.0.0.0");
  });

  it("takes its files from a build whose last step on node_modules drops every dev dependency", () => {
    expect(lineage("web").some(installsDependencies)).toBe(false);
    const sources = copiedFrom("web");
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const steps = lineage(source).filter((line) => line.startsWith("RUN "));
      const lastInstall = steps.findLastIndex(installsDependencies);
      const prune = steps.findLastIndex((line) => /\bnpm prune\b.*--omit=dev/.test(line));
      expect(prune, `stage ${source} prunes after its install`).toBeGreaterThan(lastInstall);
      // npm keeps a dev dependency that a runtime package names as an optional peer (prisma, @playwright/test)
      // while package.json still lists it.
      expect(steps[prune]).toMatch(/npm pkg delete devDependencies\s*&&\s*npm prune/);
    }
  });
});

/** The commands an npm script runs, its `npm run` calls expanded. */
function expandScripts(command: string): string[] {
  return command.split(/&&|\|\||;/).flatMap((part) => {
    const words = part.trim().split(/\s+/);
    if (words[0] === "npm" && words[1] === "run") return expandScripts(pkg.scripts[words[2]] ?? `missing script ${words[2]}`);
    return [part.trim()];
  });
}

function binsOf(name: string): string[] {
  const { bin } = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { bin?: string | Record<string, string> };
  if (!bin) return [];
  return typeof bin === "string" ? [name.split("/").at(-1)!] : Object.keys(bin);
}

describe("the build context", () => {
  it("leaves out the checkout's own installs and builds, which would replace the image's", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", ".next-*", ".data"]));
  });
});

describe("what the images run", () => {
  const devBins = new Set(Object.keys(pkg.devDependencies).flatMap(binsOf));
  const runtimeCommands = [
    ...["web", "worker"].map((service) => {
      const command: string[] = compose.services[service].command;
      return command[0] === "sh" && command[1] === "-c" ? command[2] : command.join(" ");
    }),
    ...["web", "worker"].map((name) => (JSON.parse(lineage(name).filter((line) => line.startsWith("CMD")).at(-1)!.slice(4)) as string[]).join(" ")),
  ].flatMap(expandScripts);

  it("finds the dev dependencies' programs to look for", () => {
    expect(devBins).toContain("vitest");
    expect(devBins).toContain("prisma");
  });

  it("needs no program that only a dev dependency provides", () => {
    expect(runtimeCommands.length).toBeGreaterThan(3);
    for (const command of runtimeCommands) {
      const words = command.split(/\s+/);
      const program = words[0] === "npx" ? words[1] : words[0];
      expect(devBins.has(program), `"${command}" runs ${program}, from a dev dependency`).toBe(false);
      expect(command).not.toMatch(/^missing script/);
    }
  });
});
