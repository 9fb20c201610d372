/**
 * Command-line entry for the GPU worker's tools: `npm run ddpm -- <command> [flags]`.
 * Each command lives in gpu-worker/cli/<command>.ts and is registered in COMMANDS below.
 * Exit codes: 0 success, 2 usage or configuration error (one line on stderr), 1 anything else.
 */
import { pathToFileURL } from "node:url";
import { DdpmConfigError } from "./ddpm/errors";
import { CliUsageError, usageErrorFromConfigError, type CliCommand } from "./cli/args";
import schedule from "./cli/schedule";
import step from "./cli/step";
import timesteps from "./cli/timesteps";
import train from "./cli/train";
import sample from "./cli/sample";
import evaluate from "./cli/evaluate";
import evaluateImages from "./cli/evaluate-images";

export const COMMANDS: CliCommand[] = [schedule, timesteps, step, train, sample, evaluate, evaluateImages];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: npm run ddpm -- <command> [flags]   (<command> --help for its flags)\n\nCommands:\n${lines.join("\n")}\n`;
}

/** Runs one command line and returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? process.stderr : process.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command) {
      throw new CliUsageError(`unknown command "${name}"; valid commands are ${COMMANDS.map((c) => c.name).join(", ")}`);
    }
    await command.run(rest);
    return 0;
  } catch (error) {
    const usageError = error instanceof DdpmConfigError ? usageErrorFromConfigError(error) : error;
    if (usageError instanceof CliUsageError) {
      process.stderr.write(`error: ${usageError.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
