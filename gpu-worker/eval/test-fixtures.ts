/** What the image-evaluation tests share. */
import { resolveTrainingConfig } from "../train/config";
import { train, type TrainingResult } from "../train/loop";

/** A tiny UNet (8 base channels, T = 100) trained for `steps` steps on the first 256 Fashion-MNIST images. */
export function trainTinyImageModel(steps: number): Promise<TrainingResult> {
  return train(
    resolveTrainingConfig({
      dataset: "fashion_mnist",
      datasetSize: 256,
      model: { kind: "unet", baseChannels: 8 },
      schedule: { schedule: "linear", numTrainTimesteps: 100 },
      steps,
      batchSize: 16,
    }),
  );
}
