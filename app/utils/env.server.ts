import { randomBytes } from "node:crypto";
import { z } from "~/utils/zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  DEMO_SEED: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SQLITE_JOURNAL_MODE: z.enum(["delete", "wal"]).default("wal"),
  SQLITE_SYNCHRONOUS: z.enum(["full", "normal"]).default("full"),
  /** Connections each instance keeps to PostgreSQL (docs/deploy.md sizes them). */
  PG_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

let generatedSecret: string | undefined;

/**
 * Secret for cookies and HMACs. Without SESSION_SECRET a production server still starts
 * (the Quick start must need no manual step) with a random secret, so sessions end at
 * restart; development keeps a fixed value so local logins survive reloads.
 */
export function sessionSecret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  if (env().NODE_ENV !== "production") return "dev-only-secret-change-me-in-production";
  if (!generatedSecret) {
    generatedSecret = randomBytes(32).toString("hex");
    console.warn("SESSION_SECRET is not set: using a random secret; sessions end when the server restarts.");
  }
  return generatedSecret;
}

/**
 * The address the server listens on. Behind a reverse proxy (TRUST_PROXY set) the app
 * trusts X-Forwarded-For, so it must not be reachable around the proxy: it listens on
 * loopback only, unless HOST says otherwise. Without a proxy it listens everywhere.
 */
export function listenHost(e: { HOST?: string; TRUST_PROXY?: string }): string | undefined {
  if (e.HOST) return e.HOST;
  return e.TRUST_PROXY ? "127.0.0.1" : undefined;
}
