/** Lengths of a regrade request's texts: the server's schemas and the forms' maxLength share them. */
export const REGRADE_REASON_MAX = 2000;
export const REGRADE_REPLY_MAX = 5000;
