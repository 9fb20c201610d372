import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { POINT_FILE_LIMITS, POINTS_FILE_DATASET, trainConfigSchema, type TrainConfig } from "~/gpu-worker/contracts/jobs";
import { encodeNpy, parsePointFile, PointFileError } from "~/gpu-worker/data/point-file";
import { createAndEnqueueJob, type NewJob } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";

/** A file's bytes as base64: 4 characters per 3 bytes of the size limit. */
const MAX_BASE64_LENGTH = Math.ceil(POINT_FILE_LIMITS.maxBytes / 3) * 4;

export const createTrainingInput = z.object({
  config: trainConfigSchema,
  /** points_file: the uploaded file as it was chosen (the server reads and checks it again). */
  dataFile: z
    .object({
      name: z.string().min(1).max(POINT_FILE_LIMITS.maxNameLength),
      base64: z.string().max(MAX_BASE64_LENGTH, `The file is larger than ${POINT_FILE_LIMITS.maxBytes / 2 ** 20} MB.`),
    })
    .optional(),
});

/**
 * A points_file run's upload, read and checked here (the browser's check is a preview): the config
 * records the file's name and point count as read, and the points are stored with the run as float64
 * .npy, the worker's TRAINING_DATA. A file that does not read is refused with the line and the problem.
 */
function uploadedData(config: TrainConfig, dataFile: z.infer<typeof createTrainingInput>["dataFile"]): Pick<NewJob, "config" | "artifacts"> {
  if (config.dataset !== POINTS_FILE_DATASET) {
    if (dataFile) throw new TRPCError({ code: "BAD_REQUEST", message: `A points file trains with the data set ${POINTS_FILE_DATASET}; choose it, or leave the file out.` });
    return { config };
  }
  if (!dataFile) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a CSV, JSON or .npy file of 2D points to train on." });
  let points: Float64Array;
  try {
    points = parsePointFile(dataFile.name, new Uint8Array(Buffer.from(dataFile.base64, "base64")));
  } catch (error) {
    if (error instanceof PointFileError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    throw error;
  }
  const stem = dataFile.name.replace(/\.[^.]*$/, "");
  return {
    config: { ...config, dataFile: { name: dataFile.name, count: points.length / 2 } },
    artifacts: [{ kind: "TRAINING_DATA", name: `${stem}.npy`, contentType: "application/octet-stream", data: encodeNpy(points) }],
  };
}

/** Queues a training run; the config is checked against the contract and then the course's limits. */
export const createTraining = courseMemberProcedure
  .input(createTrainingInput)
  .mutation(({ ctx, input }) =>
    createAndEnqueueJob(ctx.db, { courseId: input.courseId, ownerId: ctx.user.id, kind: "TRAIN", ...uploadedData(input.config, input.dataFile) }),
  );
