import type { SelectHTMLAttributes } from "react";

/** A labelled select, styled like TextField. */
export function SelectField({ label, options, ...select }: { label: string; options: readonly string[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = select.id ?? select.name;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <select id={id} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm" {...select}>
        {options.map((option) => (
          <option key={option} value={option}>{option}</option>
        ))}
      </select>
    </div>
  );
}
