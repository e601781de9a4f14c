// Emailed links land here first: the token moves from the address into a short-lived cookie scoped to its
// page, and the browser is sent to the clean address. So the token is not in the address bar, a shared URL
// or a Referer, even without JavaScript, and the clean page can keep a normal Referrer-Policy, which the
// browser needs to send a real Origin with the form (Next refuses a server action from Origin "null").
// Browsers may still keep the first address of a redirect in their history (Chromium does): what protects
// the token there is that it works once and expires (docs/security.md T7).
export const LINK_PAGES = {
  "/setup-account": "pp_setup_link",
  "/reset-password": "pp_reset_link",
  "/staff-setup": "pp_staff_link",
  "/second-step-recovery": "pp_second_step_link",
} as const;

export type LinkPage = keyof typeof LINK_PAGES;
export const LINK_COOKIE_SECONDS = 60 * 60;

export const isLinkPage = (path: string): path is LinkPage => Object.hasOwn(LINK_PAGES, path);
