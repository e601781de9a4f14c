// A state-changing request must come from our own pages and be addressed to our own host (docs/security.md N2,
// N3). One check for every door that takes a post: the proxy runs it before pages and server actions, and the
// form routes, which the proxy leaves alone (app/_lib/form-route.ts), run it themselves.
import { hostAllowed, originAllowed } from "./security-headers";

const FOREIGN_REQUEST_REFUSAL = "This request did not come from the Patient Portal's own pages, so it was refused.";

export function refuseForeignRequest(req: { method: string; headers: Headers }, appUrl: string): Response | null {
  const foreign =
    !originAllowed(req.method, req.headers.get("origin"), appUrl) ||
    !hostAllowed(
      req.method,
      { host: req.headers.get("host"), forwardedHost: req.headers.get("x-forwarded-host") },
      appUrl,
    );
  return foreign ? new Response(FOREIGN_REQUEST_REFUSAL, { status: 403 }) : null;
}
