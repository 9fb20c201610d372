/**
 * The live stream's form of a run view (plain data, shared with the browser). A 100-group wall is
 * ~30 KB; serializing it once per subscriber cost ~850 ms of CPU per wall change for 200 students.
 * So the stream sends the wall as one JSON string, the same string object for every staff member or
 * every student (run-view.ts makes it once per change), and each viewer's own reactions beside it;
 * `viewFromWire` turns that back into the view `exercise.get` returns.
 */
import type { Reaction } from "./reactions";

/** A wall entry as every viewer of one kind sees it. */
export interface SharedWallEntry {
  id: string;
  number: number;
  answer: string;
  spotlight: boolean;
  members: string[];
  reactions: { emoji: Reaction; count: number }[];
}

export type WallEntry = Omit<SharedWallEntry, "reactions"> & { reactions: { emoji: Reaction; count: number; mine: boolean }[] };

/** `V` is the view without its wall; `wallJson` is a JSON `SharedWallEntry[]`. */
export type RunViewWire<V> = V & { wallJson: string; myReactions: string[] };

/** Names one reaction of one viewer on one group's answer. */
export function reactionKey(groupId: string, emoji: string): string {
  return `${groupId} ${emoji}`;
}

export function withOwnReactions(wall: SharedWallEntry[], myReactions: readonly string[]): WallEntry[] {
  const mine = new Set(myReactions);
  return wall.map((entry) => ({
    ...entry,
    reactions: entry.reactions.map((reaction) => ({ ...reaction, mine: mine.has(reactionKey(entry.id, reaction.emoji)) })),
  }));
}

/** The view as `exercise.get` returns it, from what the live stream sent. */
export function viewFromWire<V>({ wallJson, myReactions, ...view }: RunViewWire<V>): V & { wall: WallEntry[] } {
  return { ...(view as V), wall: withOwnReactions(JSON.parse(wallJson) as SharedWallEntry[], myReactions) };
}
