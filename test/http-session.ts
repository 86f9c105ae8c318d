// Signing a demo account in over real HTTP, for tests that drive a server process (or a balancer in front of
// several) with fetch instead of app.inject: the tests that stop databases and restart instances.

export const DEMO_PASSWORD = 'IrisDesk-demo-2026';

/** Signs a demo account in through the login form (CSRF token and all); returns the session's Cookie header. */
export async function signInOverHttp(url: string, email: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const page = await fetch(`${url}/en/login`);
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error(`the login page of ${url} has no CSRF token`);
  const login = await fetch(`${url}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  if (login.status !== 303) throw new Error(`sign-in of ${email} failed: ${login.status}`);
  keep(login);
  return header();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
