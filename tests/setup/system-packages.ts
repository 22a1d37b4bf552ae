import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "../../app/utils/chromium.server";
import { postgresBin } from "../support/postgres";

/**
 * The browser tests drive Debian's Chromium, screenshots and printed posters need a CJK
 * font, the PDF tests read printed reports back with poppler's pdftotext, and the
 * PostgreSQL tests start a private cluster with the server's initdb and pg_ctl. A fresh
 * machine has none of them, and no test may skip silently, so before any test runs we
 * install what is missing from Debian's packages (as root, or through a password-less
 * sudo), or stop the run with the one command that would fix it.
 */
const PACKAGES = { chromium: "chromium", cjkFont: "fonts-noto-cjk", pdfText: "poppler-utils", postgres: "postgresql-15" } as const;

function hasCjkFont(): boolean {
  const listed = spawnSync("fc-list", [":lang=zh-tw", "family"], { encoding: "utf8" });
  return listed.status === 0 && listed.stdout.trim() !== "";
}

export function missingPackages(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push(PACKAGES.chromium);
  if (!hasCjkFont()) missing.push(PACKAGES.cjkFont);
  if (!existsSync("/usr/bin/pdftotext")) missing.push(PACKAGES.pdfText);
  if (!postgresBin()) missing.push(PACKAGES.postgres);
  return missing;
}

function run(prefix: string[], args: string[]): boolean {
  const [command, ...rest] = [...prefix, ...args];
  const result = spawnSync(command, rest, {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
  return result.status === 0;
}

/** Installs the missing packages, or throws a message naming the command to run. */
export function ensureSystemPackages(): void {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `sudo apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : ["sudo", "-n"];
  const canInstall = existsSync("/usr/bin/apt-get") && (isRoot || run(["sudo", "-n"], ["true"]));
  if (canInstall) {
    // Vitest swallows a global setup's console output; stderr still reaches the terminal.
    process.stderr.write(
      `The tests need ${missing.join(" and ")}: installing from Debian's packages (apt-get install ${missing.join(" ")}).\n`,
    );
    const installed =
      run(prefix, ["apt-get", "update", "-qq"]) && run(prefix, ["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing]);
    if (installed && missingPackages().length === 0) return;
  }
  throw new Error(
    `The tests need ${missing.join(" and ")}, which are not installed and could not be installed here. Run:\n  ${command}\nthen run the tests again.`,
  );
}
