// The demo analyst's side of the load benchmark's report section: signs in and builds
// annual reports over HTTP the way the report page does, so the server does the same work
// for them as for a person at /reports/annual.

const PAGE = "/reports/annual";
const PAGE_DATA = "routes/_staff.reports.annual";
/** The page asks for its jobs this often while one is queued or running (useLiveJobs). */
const POLL_MS = 1_500;
// Behind TRUST_PROXY the login rate limit counts per address: the analyst has one of its own.
const ANALYST_ADDRESS = { "X-Forwarded-For": "10.255.0.1" };

type PageData = {
  scope: { authorityId: number; officeId: number | null };
  year: number;
  csrf: string;
  jobs: Array<{ id: number; format: string; status: string }>;
};

export type Analyst = { base: string; cookie: string; query: string; csrf: string };

export async function signIn(base: string, email: string, password: string): Promise<Analyst> {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    headers: ANALYST_ADDRESS,
    redirect: "manual",
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (login.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${login.status}`);
  const first = await pageData({ base, cookie, query: "", csrf: "" });
  return { base, cookie, query: `?authority=${first.scope.authorityId}&year=${first.year}`, csrf: first.csrf };
}

/** The page's loader data, as the browser's revalidation asks for it. */
async function pageData(a: Analyst): Promise<PageData> {
  const sep = a.query ? "&" : "?";
  const res = await fetch(`${a.base}${PAGE}${a.query}${sep}_data=${encodeURIComponent(PAGE_DATA)}`, {
    headers: { Cookie: a.cookie, ...ANALYST_ADDRESS },
  });
  if (res.status !== 200) throw new Error(`report page answered ${res.status}`);
  return (await res.json()) as PageData;
}

/** The page's jobs, as the page polls them while one is being made. */
async function liveJobs(a: Analyst): Promise<PageData["jobs"]> {
  const res = await fetch(`${a.base}${PAGE}/jobs${a.query}`, { headers: { Cookie: a.cookie, ...ANALYST_ADDRESS } });
  if (res.status !== 200) throw new Error(`report jobs answered ${res.status}`);
  return ((await res.json()) as Pick<PageData, "jobs">).jobs;
}

async function post(a: Analyst, fields: Record<string, string>): Promise<void> {
  const res = await fetch(`${a.base}${PAGE}${a.query}`, {
    method: "POST",
    body: new URLSearchParams({ csrf: a.csrf, ...fields }),
    headers: { Cookie: a.cookie, ...ANALYST_ADDRESS },
    redirect: "manual",
  });
  if (res.status >= 400) throw new Error(`report page action ${fields.intent} answered ${res.status}`);
  await res.arrayBuffer();
}

export type BuiltReport = { format: string; status: string; seconds: number };

/**
 * Saves a new analyst note (a finished report of the same content would be reused for ten
 * minutes) and starts one format, then polls its jobs as the page does until the job
 * has finished. `onRunning` hears when the job first reads as running.
 */
export async function buildReport(a: Analyst, format: string, note: string, onRunning: () => void = () => {}): Promise<BuiltReport> {
  await post(a, { intent: "note", note });
  const started = performance.now();
  await post(a, { intent: "start", format });
  for (;;) {
    const job = (await liveJobs(a)).find((j) => j.format === format);
    if (job?.status === "running") onRunning();
    if (job?.status === "done" || job?.status === "failed") {
      return { format, status: job.status, seconds: (performance.now() - started) / 1000 };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
