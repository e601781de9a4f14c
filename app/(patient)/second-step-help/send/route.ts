// Where the second-step help form posts with JavaScript (its server action, ../actions.ts, serves it without): the
// same body, answered as JSON.
import { formRoute } from "@/app/_lib/form-route";
import { verificationAction } from "../../_lib/verification-action";

export const POST = formRoute(verificationAction("second_step_recovery"));
