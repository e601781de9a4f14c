// The portal's address is the patient's front door, and the sign-in page already is one: the practice's name,
// the sign-in form, "Create my Patient Portal account", both "I forgot" links, the phone number, and the staff
// sign-in small at the bottom. Sending "/" there keeps one copy of that page rather than two to keep in step.
import { redirect } from "next/navigation";

export default function HomePage() {
  redirect("/login");
}
