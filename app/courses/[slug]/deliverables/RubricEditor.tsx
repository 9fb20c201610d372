"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TOY_DATASETS } from "~/gpu-worker/contracts/jobs";
import { autogradeRuleSchema, gradingProtocolSchema, type AutogradeRule, type GradingProtocol } from "~/server/grading/autograde";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

interface Criterion {
  id?: string;
  name: string;
  description: string;
  maxPoints: number;
  autograde: AutogradeRule | null;
}

/** One row as edited: numbers stay text until saved so a half-typed value is not rewritten under the cursor. */
interface Row {
  key: string;
  id?: string;
  name: string;
  description: string;
  maxPoints: string;
  metric: "" | AutogradeRule["metric"];
  fullBelow: string;
  halfBelow: string;
  dataset: GradingProtocol["dataset"];
  generatedCount: string;
  referenceCount: string;
}

/** The protocol a new rule starts with: the course assignment's (2048 generated vs 2048 swiss-roll points). */
const DEFAULT_PROTOCOL = gradingProtocolSchema.parse({});

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";
let nextKey = 0;

function toRow(criterion: Criterion): Row {
  const protocol = criterion.autograde?.protocol ?? DEFAULT_PROTOCOL;
  const band = (fraction: number) => String(criterion.autograde?.bands.find((candidate) => candidate.fraction === fraction)?.below ?? "");
  return {
    key: criterion.id ?? `new-${++nextKey}`,
    id: criterion.id,
    name: criterion.name,
    description: criterion.description,
    maxPoints: String(criterion.maxPoints),
    metric: criterion.autograde?.metric ?? "",
    fullBelow: band(1),
    halfBelow: band(0.5),
    dataset: protocol.dataset,
    generatedCount: String(protocol.generatedCount),
    referenceCount: String(protocol.referenceCount),
  };
}

/** The course's rule shape: full marks below one threshold, half marks below a second (optional) one. */
function toCriterion(row: Row) {
  const bands = [
    { below: Number(row.fullBelow), fraction: 1 },
    ...(row.halfBelow.trim() ? [{ below: Number(row.halfBelow), fraction: 0.5 }] : []),
  ];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    maxPoints: Number(row.maxPoints),
    autograde: row.metric
      ? { metric: row.metric, bands, protocol: { dataset: row.dataset, generatedCount: Number(row.generatedCount), referenceCount: Number(row.referenceCount) } }
      : null,
  };
}

/** The instructor edits a deliverable's rubric: criteria with points, descriptions and optional autograding. */
export function RubricEditor({ courseId, deliverableId, title, initial }: { courseId: string; deliverableId: string; title: string; initial: Criterion[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.grading.saveRubric.mutationOptions());
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function change(key: string, patch: Partial<Row>) {
    setSaved(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  /** The first autograde rule the server would refuse, in words (the same schema), so nothing is sent half right. */
  function ruleProblem(criteria: ReturnType<typeof toCriterion>[]): string | null {
    for (const [index, criterion] of criteria.entries()) {
      const issue = criterion.autograde && autogradeRuleSchema.safeParse(criterion.autograde).error?.issues[0];
      if (issue) return `Criterion ${index + 1} (${criterion.name || "unnamed"}): ${issue.message}`;
    }
    return null;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const criteria = rows.map(toCriterion);
    const found = ruleProblem(criteria);
    setProblem(found);
    if (found) return;
    save
      .mutateAsync({ courseId, deliverableId, criteria })
      .then((criteria) => {
        setRows(criteria.map(toRow));
        setSaved(true);
        router.refresh();
      })
      .catch(() => undefined);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Rubric of ${title}`}>
      {problem && <FormAlert>{problem}</FormAlert>}
      {!problem && save.error && <FormAlert>{save.error.message}</FormAlert>}
      {rows.length === 0 && <p className="text-sm text-slate-600">No criteria yet. Add the first one; graders score each criterion.</p>}
      <ol className="space-y-3">
        {rows.map((row, index) => {
          const id = `${deliverableId}-criterion-${index}`;
          return (
            <li key={row.key} className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-6">
              <div className="md:col-span-3">
                <label htmlFor={`${id}-name`} className="text-xs font-medium text-slate-700">Criterion {index + 1} name</label>
                <input id={`${id}-name`} value={row.name} onChange={(event) => change(row.key, { name: event.target.value })} className={inputClass} />
              </div>
              <div>
                <label htmlFor={`${id}-points`} className="text-xs font-medium text-slate-700">Max points</label>
                <input id={`${id}-points`} type="number" min={0} step="any" value={row.maxPoints} onChange={(event) => change(row.key, { maxPoints: event.target.value })} className={inputClass} />
              </div>
              <div className="flex items-end md:col-span-2">
                <button type="button" onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))} className="text-sm text-red-700 underline">
                  Remove<span className="sr-only"> criterion {index + 1}</span>
                </button>
              </div>
              <div className="md:col-span-6">
                <label htmlFor={`${id}-description`} className="text-xs font-medium text-slate-700">Description</label>
                <input id={`${id}-description`} value={row.description} onChange={(event) => change(row.key, { description: event.target.value })} className={inputClass} />
              </div>
              <div className="md:col-span-2">
                <label htmlFor={`${id}-metric`} className="text-xs font-medium text-slate-700">Autograde from the sample set&apos;s</label>
                <select id={`${id}-metric`} value={row.metric} onChange={(event) => change(row.key, { metric: event.target.value as Row["metric"] })} className={inputClass}>
                  <option value="">(no autograding)</option>
                  <option value="chamfer">Chamfer distance</option>
                  <option value="mmd">MMD</option>
                </select>
              </div>
              {row.metric && (
                <>
                  <div className="md:col-span-2">
                    <label htmlFor={`${id}-full`} className="text-xs font-medium text-slate-700">Full marks below</label>
                    <input id={`${id}-full`} type="number" min={0} step="any" value={row.fullBelow} onChange={(event) => change(row.key, { fullBelow: event.target.value })} className={inputClass} />
                  </div>
                  <div className="md:col-span-2">
                    <label htmlFor={`${id}-half`} className="text-xs font-medium text-slate-700">Half marks below (optional)</label>
                    <input id={`${id}-half`} type="number" min={0} step="any" value={row.halfBelow} onChange={(event) => change(row.key, { halfBelow: event.target.value })} className={inputClass} />
                  </div>
                  {/* The protocol the value is computed under: the server measures exactly this, whatever the team's run used. */}
                  <div className="md:col-span-2">
                    <label htmlFor={`${id}-dataset`} className="text-xs font-medium text-slate-700">Measured on the data set</label>
                    <select id={`${id}-dataset`} value={row.dataset} onChange={(event) => change(row.key, { dataset: event.target.value as Row["dataset"] })} className={inputClass}>
                      {TOY_DATASETS.map((dataset) => <option key={dataset} value={dataset}>{dataset}</option>)}
                    </select>
                  </div>
                  <div className="md:col-span-2">
                    <label htmlFor={`${id}-generated`} className="text-xs font-medium text-slate-700">Generated samples</label>
                    <input id={`${id}-generated`} type="number" min={16} step={1} value={row.generatedCount} onChange={(event) => change(row.key, { generatedCount: event.target.value })} className={inputClass} />
                  </div>
                  <div className="md:col-span-2">
                    <label htmlFor={`${id}-reference`} className="text-xs font-medium text-slate-700">Reference data points</label>
                    <input id={`${id}-reference`} type="number" min={16} step={1} value={row.referenceCount} onChange={(event) => change(row.key, { referenceCount: event.target.value })} className={inputClass} />
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => setRows((current) => [...current, toRow({ name: "", description: "", maxPoints: 10, autograde: null })])}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
        >
          Add criterion
        </button>
        <button type="submit" disabled={save.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          Save rubric
        </button>
        <p aria-live="polite" className="text-sm text-emerald-800">{saved ? "Rubric saved." : ""}</p>
      </div>
    </form>
  );
}
