/**
 * The query parameter that opens a deck in presenter view, so a presenter's reload or bookmark comes back
 * to it. Kept out of the client-only SlideDeck module so that server pages can read the same value.
 */
export const PRESENTER_VIEW_PARAM = { name: "view", value: "presenter" } as const;
