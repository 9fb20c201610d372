"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "../../../../_trpc/client";

type TeamBudget = inferRouterOutputs<AppRouter>["job"]["teamBudgets"][number];

const minutes = (value: number) => (Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0));

/** An instructor adds minutes to one team's budget. */
function TopUpForm({ courseId, team }: { courseId: string; team: TeamBudget }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState("60");
  const topUp = useMutation(trpc.job.topUpTeam.mutationOptions({ onSuccess: () => router.refresh() }));
  const amount = Number(value);
  const valid = Number.isInteger(amount) && amount >= 1 && amount <= 100_000;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) topUp.mutate({ courseId, teamId: team.teamId, minutes: amount });
  }

  const id = `top-up-${team.teamId}`;
  return (
    <form onSubmit={submit} noValidate className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">Minutes to add for {team.name}</label>
      <input id={id} type="number" min={1} max={100_000} value={value} onChange={(event) => setValue(event.target.value)}
        aria-invalid={valid ? undefined : true} className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm aria-invalid:border-red-500" />
      <button type="submit" disabled={!valid || topUp.isPending} className="rounded-md bg-indigo-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        Add minutes
      </button>
      <span aria-live="polite" className="text-sm">
        {topUp.isError ? <span className="text-red-700">{topUp.error.message}</span> : !valid ? <span className="text-red-700">1 to 100,000 minutes</span> : topUp.isSuccess ? <span className="text-emerald-700">Added</span> : ""}
      </span>
    </form>
  );
}

/** Each team's GPU minutes; instructors top them up so runs stopped at the budget can resume. */
export function TeamBudgets({ courseId, budgets, canTopUp }: { courseId: string; budgets: TeamBudget[]; canTopUp: boolean }) {
  return (
    <section aria-labelledby="budgets-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="budgets-heading" className="text-lg font-semibold">Team GPU budgets</h2>
      {budgets.length === 0 ? (
        <p className="text-slate-600">No teams yet. A student without a team has the per-team minutes for their own jobs.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">GPU minutes per team, fewest left first</caption>
          <thead>
            <tr className="text-slate-500">
              <th scope="col" className="py-1">Team</th>
              <th scope="col">Minutes (with top-ups)</th>
              <th scope="col">Used</th>
              <th scope="col">Left</th>
              {canTopUp && <th scope="col">Top up</th>}
            </tr>
          </thead>
          <tbody>
            {budgets.map((team) => (
              <tr key={team.teamId} className="border-t border-slate-100">
                <th scope="row" className="py-1.5 font-medium">{team.name}</th>
                <td className="tabular-nums">{minutes(team.allowanceMinutes)}{team.topUpMinutes > 0 && ` (+${team.topUpMinutes})`}</td>
                <td className="tabular-nums">{minutes(team.usedMinutes)}</td>
                <td className={`tabular-nums ${team.remainingMinutes <= 0 ? "font-medium text-red-700" : ""}`}>{minutes(Math.max(0, team.remainingMinutes))}</td>
                {canTopUp && <td><TopUpForm courseId={courseId} team={team} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
