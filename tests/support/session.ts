import { action as login } from "~/routes/login";

/** A session cookie for a demo user, obtained through the login action itself. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const res = (await login({ request, params: {}, context: { clientIp: `10.2.${Math.floor(Math.random() * 250)}.1` } })) as Response;
  const cookie = res.headers.get("Set-Cookie");
  if (!cookie) throw new Error(`Login failed for ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

export function formRequest(url: string, cookie: string, fields: Record<string, string>): Request {
  return new Request(`http://localhost${url}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } });
}

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<unknown>;

/** A loader's or action's Response, whether it returned it or threw it (403, 404). */
export async function run(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return (await handler({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A signed-in GET of a path. */
export function get(path: string, cookie: string): Request {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}
