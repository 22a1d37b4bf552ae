/**
 * The states of a follow-up case. A plain module, not `.server`: the follow-up pages list
 * the states in the browser too, and Remix strips `.server` modules from the browser bundle.
 */
export const FOLLOW_UP_STATUSES = ["open", "in_progress", "resolved"] as const;
