// Where the sign-in form posts with JavaScript: the form's answer as JSON, with the session (or pending sign-in)
// cookie, and nothing rendered; the browser then loads the page it names. As a server action, a sign-in also had
// Next render /portal into its answer, which cost more CPU than everything else in a sign-in but the password
// hash (bench/RESULTS.md).
import { formRoute } from "@/app/_lib/form-route";
import { passwordSignIn } from "../password-sign-in";

export const POST = formRoute(passwordSignIn);
