/** A run's tags as a list of small labels. */
export function RunTags({ tags }: { tags: string[] }) {
  return (
    <ul aria-label="Tags" className="flex flex-wrap gap-1">
      {tags.map((tag) => (
        <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{tag}</li>
      ))}
    </ul>
  );
}
