// The floor's route handler: the same work as its action (../record.js), the state answered as JSON, as our
// forms' routes answer (app/_lib/form-route.ts).
import { record } from "../record";

export async function POST(request) {
  const form = await request.formData();
  return Response.json({ result: await record(form) }, { headers: { "Cache-Control": "no-store" } });
}
