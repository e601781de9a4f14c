// A form's door for pages with JavaScript: a route handler that runs the form's formAction-made function (the
// same one its server action runs, for pages without JavaScript) and answers its FormState as JSON. A server
// action answers with React's payload and, when it sets a cookie or redirects, a page rendered into it; this
// answer is the state alone (bench/RESULTS.md measures what that saves). The page posts here with
// app/_components/use-form-route.ts. The proxy has already refused other origins and hosts, as for every post.
import "server-only";
import type { FormState } from "./form-state";

export function formRoute<S extends FormState<string, unknown>>(
  run: (prev?: S, form?: FormData) => Promise<S>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    // A body that is not a form reads as an empty one, and is refused by the form's own checks.
    const form = await request.formData().catch(() => undefined);
    return Response.json(await run(undefined, form), { headers: { "Cache-Control": "no-store" } });
  };
}
