/** Public API of the DDPM core: pure math, no I/O. */
export { DdpmConfigError } from "./errors";
export { Rng } from "./random";
export {
  SCHEDULE_NAMES,
  DEFAULT_BETA_END,
  DEFAULT_BETA_START,
  linspaceFloat32,
  makeNoiseSchedule,
  resolveNoiseScheduleConfig,
  type NoiseSchedule,
  type NoiseScheduleConfig,
  type ScheduleName,
} from "./schedules";
export {
  PREDICTION_TYPES,
  addNoise,
  epsilonFromOriginalPrediction,
  epsilonFromVelocityPrediction,
  originalAndEpsilonFromModelOutput,
  originalFromEpsilonPrediction,
  originalFromVelocityPrediction,
  parsePredictionType,
  velocity,
  type OriginalAndEpsilon,
  type RowwiseEquation,
  type PredictionType,
} from "./forward";
export { minSnrWeights, signalToNoiseRatio, trainingTarget, weightedMse } from "./losses";
export { TIMESTEP_SPACINGS, inferenceTimesteps, roundHalfToEven, type InferenceTimestepsOptions, type TimestepSpacing } from "./schedulers/timesteps";
export { BaseScheduler, type SchedulerConfig, type StepOptions, type StepOutput } from "./schedulers/base";
export { DDPMScheduler, VARIANCE_TYPES, type DDPMSchedulerConfig, type VarianceType } from "./schedulers/ddpm";
export { DDIMScheduler, type DDIMSchedulerConfig } from "./schedulers/ddim";
