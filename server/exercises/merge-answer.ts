import { diff_match_patch as DiffMatchPatch } from "diff-match-patch";

/**
 * Three-way merge of a shared answer: `mine` was written on top of `base`, while `theirs` is what the
 * partner saved meanwhile. The edits from base to mine are applied as patches to theirs, so both
 * partners' typing survives; a patch that no longer fits (both rewrote the same words) is kept by
 * appending the text it would have inserted, so nothing typed is ever dropped.
 */
export function mergeAnswer(base: string, mine: string, theirs: string): string {
  if (base === theirs) return mine;
  if (base === mine) return theirs;
  const dmp = new DiffMatchPatch();
  const patches = dmp.patch_make(base, mine);
  const [merged, applied] = dmp.patch_apply(patches, theirs);
  // @types/diff-match-patch types patches as the class, not its instances.
  const unapplied = (patches as unknown as { diffs: [number, string][] }[])
    .filter((_, index) => !applied[index])
    .flatMap((patch) => patch.diffs.filter(([operation]) => operation === DiffMatchPatch.DIFF_INSERT).map(([, text]) => text))
    .join("");
  return unapplied ? `${merged}\n${unapplied}` : merged;
}
