/** `ddpm schedule`: print a noise schedule's β and ᾱ. */
import { makeNoiseSchedule } from "../ddpm/schedules";
import { defineCommand, printResult, type CommandSpec } from "./args";
import { JSON_FLAG, readScheduleConfig, SCHEDULE_FLAGS } from "./ddpmFlags";

const spec: CommandSpec = {
  name: "schedule",
  summary: "Print β_t, α_t and ᾱ_t of a noise schedule (float32, as diffusers computes them).",
  flags: { ...SCHEDULE_FLAGS, ...JSON_FLAG },
};

export default defineCommand(spec, (values) => {
  const { betas, alphas, alphasCumprod } = makeNoiseSchedule(readScheduleConfig(values));
  printResult(
    values.json === true,
    { betas: Array.from(betas), alphasCumprod: Array.from(alphasCumprod) },
    { header: ["t", "beta", "alpha", "alpha_bar"], rows: Array.from(betas, (beta, t) => [t, beta, alphas[t], alphasCumprod[t]]) },
  );
});
