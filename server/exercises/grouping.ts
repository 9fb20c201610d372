/**
 * Forming partner pairs and discussion groups from the students present.
 *
 * Groups hold between `min` and `max` students and differ in size by at most one. Pairs (min = max = 2)
 * with an odd count get one trio, as a lecturer would do it; a single student is never left alone
 * unless they are the only one there.
 */
export interface GroupSize {
  min: number;
  max: number;
}

/** Splits `students` (already in the order to use, e.g. shuffled) into groups. */
export function formGroups<T>(students: readonly T[], size: GroupSize): T[][] {
  const count = students.length;
  if (count === 0) return [];
  // As few groups as keep everyone at most `max`, but never so many that a group drops under `min`.
  let groupCount = Math.ceil(count / size.max);
  if (size.min === size.max && count % size.max !== 0) groupCount = Math.max(1, Math.floor(count / size.max));
  while (groupCount > 1 && Math.floor(count / groupCount) < size.min) groupCount--;
  const groups: T[][] = Array.from({ length: groupCount }, () => []);
  students.forEach((student, index) => groups[index % groupCount].push(student));
  return groups;
}

/**
 * Where a student who arrives after the groups were formed goes, by index into `groupSizes`: the
 * smallest group with room; when all are full, the smallest one takes one extra member (a pair becomes a
 * trio) rather than leave the newcomer alone; only when every group already has its extra member does the
 * newcomer start a new group (-1).
 */
export function placeLateJoiner(groupSizes: readonly number[], size: GroupSize): number {
  if (groupSizes.length === 0) return -1;
  let smallest = 0;
  groupSizes.forEach((groupSize, index) => {
    if (groupSize < groupSizes[smallest]) smallest = index;
  });
  return groupSizes[smallest] <= size.max ? smallest : -1;
}

/** Fisher–Yates with an injected random source, so tests can fix the order. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
