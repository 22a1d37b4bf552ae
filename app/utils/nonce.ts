import { createContext, useContext } from "react";

/**
 * The response's CSP nonce, given by the server to the document's own inline scripts. In
 * the browser it is empty: browsers hide nonces from the DOM, and hydration never renders
 * new inline scripts.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
