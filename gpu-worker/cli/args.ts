/**
 * What every `npm run ddpm -- <command>` module shares: the command shape, flag parsing on top of
 * node:util parseArgs with one-line usage errors (exit code 2), typed flag readers whose messages
 * name the flag and its valid values, generated --help, and output as JSON or an aligned table.
 */
import { parseArgs } from "node:util";
import { DdpmConfigError } from "../ddpm/errors";

export interface CliCommand {
  name: string;
  summary: string;
  run(argv: string[]): void | Promise<void>;
}

/** A mistake in how the command was called; the CLI prints the message on one line and exits with 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

export interface FlagSpec {
  /** "boolean" flags take no value (--json); everything else is a string parsed by a reader below. */
  type: "string" | "boolean";
  /** Placeholder shown in --help, e.g. "<name>". */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
}

export type FlagValues = Record<string, string | boolean | undefined>;

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.flags).map(([flag, { value, description }]) => [`--${flag}${value ? ` ${value}` : ""}`, description]);
  rows.push(["--help", "show this help"]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return `Usage: npm run ddpm -- ${spec.name} [flags]\n\n${spec.summary}\n\n${rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n")}\n`;
}

/**
 * Parses argv against the spec. Returns undefined after printing --help. A negative number after a
 * string flag (`--sample -0.5`) is taken as its value, which parseArgs alone would refuse.
 */
export function parseFlags(spec: CommandSpec, argv: string[]): FlagValues | undefined {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(helpText(spec));
    return undefined;
  }
  const args = joinNegativeValues(spec, argv);
  const options = Object.fromEntries(Object.entries(spec.flags).map(([flag, { type }]) => [flag, { type }]));
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as FlagValues;
  } catch (error) {
    const firstLine = (error as Error).message.split("\n")[0];
    const valid = Object.keys(spec.flags).map((flag) => `--${flag}`).join(", ");
    throw new CliUsageError(`${spec.name}: ${firstLine}; valid flags are ${valid} (see --help)`);
  }
}

/** `--sample -0.5` → `--sample=-0.5`, so parseArgs doesn't take the value for a flag. */
function joinNegativeValues(spec: CommandSpec, argv: string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].startsWith("--") ? spec.flags[argv[i].slice(2)] : undefined;
    if (flag?.type === "string" && NEGATIVE_NUMBER.test(argv[i + 1] ?? "")) {
      args.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    } else {
      args.push(argv[i]);
    }
  }
  return args;
}

/** A command from its spec and a body that gets the parsed flags; --help never reaches the body. */
export function defineCommand(spec: CommandSpec, body: (values: FlagValues) => void | Promise<void>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    async run(argv) {
      const values = parseFlags(spec, argv);
      if (values) await body(values);
    },
  };
}

function stringFlag(values: FlagValues, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === "string" ? value : undefined;
}

/** A finite number; `fallback` when the flag is absent (undefined fallback = required). */
export function numberFlag(values: FlagValues, flag: string, fallback?: number): number {
  const raw = stringFlag(values, flag);
  if (raw === undefined) {
    if (fallback === undefined) throw new CliUsageError(`--${flag} is required`);
    return fallback;
  }
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) throw new CliUsageError(`--${flag} must be a finite number, got "${raw}"`);
  return value;
}

/** An integer ≥ minimum. */
export function integerFlag(values: FlagValues, flag: string, fallback: number | undefined, minimum: number): number {
  const value = numberFlag(values, flag, fallback);
  if (!Number.isInteger(value) || value < minimum) throw new CliUsageError(`--${flag} must be an integer ≥ ${minimum}, got ${value}`);
  return value;
}

/** One of `allowed`. */
export function choiceFlag<T extends string>(values: FlagValues, flag: string, allowed: readonly T[], fallback: T): T {
  const raw = stringFlag(values, flag) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new CliUsageError(`--${flag} must be one of ${allowed.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}

/** "true" or "false". */
export function booleanFlag(values: FlagValues, flag: string, fallback: boolean): boolean {
  return choiceFlag(values, flag, ["true", "false"], String(fallback) as "true" | "false") === "true";
}

/** The flag that sets each DDPM config field, so core errors can name what the user typed. */
const FLAG_FOR_CONFIG_FIELD: Record<string, string> = {
  schedule: "schedule",
  numTrainTimesteps: "timesteps",
  betaStart: "beta-start",
  betaEnd: "beta-end",
  numInferenceSteps: "inference-steps",
  timestepSpacing: "spacing",
  stepsOffset: "steps-offset",
  predictionType: "prediction",
  varianceType: "variance-type",
  eta: "eta",
  t: "t",
  sample: "sample",
  modelOutput: "model-output",
  varianceNoise: "variance-noise",
  "model.kind": "model",
  "model.hidden": "hidden",
  "model.depth": "depth",
  "model.baseChannels": "base-channels",
  datasetSize: "limit",
};

/** A DDPM core error restated in terms of the CLI flag, e.g. "--inference-steps: must be …". */
export function usageErrorFromConfigError(error: DdpmConfigError): CliUsageError {
  const flag = FLAG_FOR_CONFIG_FIELD[error.field];
  return new CliUsageError(flag ? `--${flag}${error.message.slice(error.field.length)}` : error.message);
}

/** Prints JSON (one line) or a right-aligned table with a header row. */
export function printResult(json: boolean, data: unknown, table: { header: string[]; rows: (string | number)[][] }): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(data)}\n`);
    return;
  }
  const cells = [table.header, ...table.rows.map((row) => row.map((cell) => (typeof cell === "number" ? formatNumber(cell) : cell)))];
  const widths = table.header.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const lines = cells.map((row) => row.map((cell, c) => cell.padStart(widths[c])).join("  "));
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Integers as they are, other numbers to 8 significant digits (float32 precision). */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(8);
}
