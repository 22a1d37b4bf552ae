import sanitizeHtml from "sanitize-html";

// SurveyJS renders these properties as HTML (an `html` question, the completion and
// loading pages). An admin writes them, but the public page must run no script from
// them and load nothing from elsewhere, whatever the definition says: each is reduced to
// plain formatting, links and https images before it leaves the server.
const HTML_KEYS = new Set(["html", "completedHtml", "completedBeforeHtml", "loadingHtml"]);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img"],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height"],
    "*": ["class"],
  },
  allowedSchemes: ["https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // A link opens in the same tab: no target, so no window.opener question either.
  transformTags: { a: sanitizeHtml.simpleTransform("a", {}, true) },
};

export function sanitizeSurveyHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** An HTML property's value: a string or a localized `{ default, "zh-tw", … }` object. */
function cleanHtmlValue(value: unknown): unknown {
  if (typeof value === "string") return sanitizeSurveyHtml(value);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([locale, text]) => [locale, typeof text === "string" ? sanitizeSurveyHtml(text) : ""]),
    );
  }
  return "";
}

/** A copy of a SurveyJS definition with every HTML property sanitized, at any depth. */
export function sanitizeDefinition<T>(definition: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, HTML_KEYS.has(key) ? cleanHtmlValue(value) : walk(value)]));
  };
  return walk(definition) as T;
}
