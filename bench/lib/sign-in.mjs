// The patient sign-in as the /login page sends it with JavaScript (app/(patient)/login/sign-in-form.tsx): the
// username and password posted to /login/sign-in (bench/lib/form-route.mjs), answered with the form's state as
// JSON and, when the password was right, the session cookie.
import { loadForm } from "./actions.mjs";
import { postFormRoute } from "./form-route.mjs";

/** Loads /login as a browser does (with `cookie`, e.g. a language); its cookies, to send with the sign-in. */
export async function loadSignInPage(appUrl, agent, { cookie } = {}) {
  const form = await loadForm(appUrl, "/login", agent, { cookie, containing: "password" });
  if (!form.visible.includes("username") || !form.visible.includes("password"))
    throw new Error(`/login's fields are ${form.visible.join(", ")}`);
  return { cookie: [cookie, form.cookie].filter(Boolean).join("; ") };
}

/** Posts one sign-in; `page` is what loadSignInPage gave. Resolves as postFormRoute does. */
export function postSignIn({ appUrl, page, username, password, agent, headers, timeoutMs, via }) {
  return postFormRoute({
    appUrl,
    route: "/login/sign-in",
    pagePath: "/login",
    fields: { username, password },
    cookie: page.cookie,
    agent,
    headers,
    timeoutMs,
    via,
  });
}

/** The session cookie ("name=value") a sign-in's answer set, if any. */
export function sessionCookieFrom(res) {
  const set = (res.headers["set-cookie"] ?? []).find((c) => /^(__Secure-)?authjs\.session-token=[^;]/.test(c));
  return set ? set.split(";")[0] : null;
}

/** Whether the answer is a sign-in that worked: the form names /portal and the session cookie came with it. */
export function signedIn(res) {
  return res.status === 200 && res.state?.result?.next === "/portal" && !!sessionCookieFrom(res);
}
