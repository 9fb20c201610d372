import type { SampleSetChoice } from "~/server/submissions/sample-set-choices";

const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm";

/** "Cosine, wide — swiss_roll, 5000 training steps, 2048 samples, Chamfer distance 12.31", and why it cannot be graded where it cannot. */
export function choiceLabel(choice: SampleSetChoice): string {
  const setting = choice.dataset === null ? "training run deleted" : `${choice.dataset}, ${choice.trainingSteps} training steps, ${choice.sampleCount} samples`;
  const values = choice.graded.map(({ label, value }) => `, ${label} ${value === null ? "not measured" : value.toPrecision(4)}`).join("");
  return `${choice.name} — ${setting}${values}${choice.unfit ? ` — cannot be graded: ${choice.unfit}` : ""}`;
}

/**
 * The team's runs to put forward, by name. Nothing is chosen until the team picks a run, and a run the
 * deliverable's autograding protocol cannot grade is listed but cannot be picked, with the reason.
 */
export function SampleRunPicker({ id, choices, hintId }: { id: string; choices: SampleSetChoice[]; hintId: string }) {
  const unfit = choices.filter((choice) => choice.unfit !== null).length;
  const graded = choices[0]?.graded.map(({ label }) => label) ?? [];
  return (
    <>
      <select id={id} name="jobId" defaultValue="" aria-describedby={`${hintId} ${id}-fit`} className={fieldClass}>
        <option value="" disabled>Choose a run…</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id} disabled={choice.unfit !== null}>{choiceLabel(choice)}</option>
        ))}
      </select>
      <p id={`${id}-fit`} className="text-xs text-slate-600" data-testid="run-fit">
        {graded.length > 0 && `Each run shows the ${graded.join(" and ")} it measured itself; the grade uses the server's own measurement. `}
        {unfit === choices.length
          ? "None of your team's runs can be graded under this protocol yet: train or sample one that fits it."
          : unfit > 0 && `${unfit} of ${choices.length} runs cannot be graded under this protocol and cannot be chosen.`}
      </p>
    </>
  );
}
