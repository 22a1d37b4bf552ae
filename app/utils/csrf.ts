/** The hidden form field that carries the sign-in's CSRF token; shared by forms and the server check. */
export const CSRF_FIELD = "csrf";
