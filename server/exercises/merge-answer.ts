import { diff_match_patch as DiffMatchPatch } from "diff-match-patch";

/** Longer than any answer (2,000 characters), far below what makes a diff slow. */
export const MAX_MERGE_LENGTH = 10_000;
/** diff-match-patch stops refining a diff after this long and returns a coarser, still correct one. */
const MERGE_DIFF_TIMEOUT_S = 0.1;

/**
 * Three-way merge of a shared answer: `mine` was written on top of `base`, while `theirs` is what the
 * partner saved meanwhile. The edits from base to mine are applied as patches to theirs, so both
 * partners' typing survives; a patch that no longer fits (both rewrote the same words) is kept by
 * appending the text it would have inserted, so nothing typed is ever dropped.
 */
export function mergeAnswer(base: string, mine: string, theirs: string): string {
  if (base === theirs) return mine;
  if (base === mine) return theirs;
  // diff-match-patch is quadratic in the worst case: callers pass answer-sized texts, and this guard
  // and the time limit keep one merge from holding the web process however it is called.
  if (Math.max(base.length, mine.length, theirs.length) > MAX_MERGE_LENGTH) {
    throw new RangeError(`mergeAnswer merges texts of at most ${MAX_MERGE_LENGTH} characters.`);
  }
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = MERGE_DIFF_TIMEOUT_S;
  const patches = dmp.patch_make(base, mine);
  const [merged, applied] = dmp.patch_apply(patches, theirs);
  // @types/diff-match-patch types patches as the class, not its instances.
  const unapplied = (patches as unknown as { diffs: [number, string][] }[])
    .filter((_, index) => !applied[index])
    .flatMap((patch) => patch.diffs.filter(([operation]) => operation === DiffMatchPatch.DIFF_INSERT).map(([, text]) => text))
    .join("");
  return unapplied ? `${merged}\n${unapplied}` : merged;
}
