// Debian's Chromium: no browser download works on these machines or on closed government
// networks, so the PDF printer and the browser tests both drive the system package.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
