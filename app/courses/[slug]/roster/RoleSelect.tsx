"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../../_trpc/client";

const ROLES = [
  { value: "INSTRUCTOR", label: "Instructor" },
  { value: "TA", label: "Teaching assistant" },
  { value: "STUDENT", label: "Student" },
] as const;
type Role = (typeof ROLES)[number]["value"];

export function RoleSelect({ courseId, userId, name, role }: { courseId: string; userId: string; name: string; role: Role }) {
  const trpc = useTRPC();
  const [value, setValue] = useState<Role>(role);
  const setRole = useMutation(trpc.course.setRole.mutationOptions());

  async function change(next: Role) {
    const previous = value;
    setValue(next);
    await setRole.mutateAsync({ courseId, userId, role: next }).catch(() => setValue(previous));
  }

  return (
    <div className="flex items-center gap-2">
      <select
        aria-label={`Role of ${name}`}
        value={value}
        disabled={setRole.isPending}
        onChange={(event) => change(event.target.value as Role)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {ROLES.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
      <span aria-live="polite" className="text-xs">
        {setRole.isError ? <span className="text-red-700">{setRole.error.message}</span> : setRole.isSuccess ? <span className="text-emerald-700">Saved</span> : null}
      </span>
    </div>
  );
}
