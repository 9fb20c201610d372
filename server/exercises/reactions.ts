/** The reactions students can give answers on the wall; plain data, shared with the browser. */
export const REACTIONS = ["👍", "💡", "❓"] as const;
export type Reaction = (typeof REACTIONS)[number];

/** What each reaction means: the words on its button, for everyone and for screen readers. */
export const REACTION_LABELS: Record<Reaction, string> = { "👍": "Agree", "💡": "Insightful", "❓": "Question" };
