import Link from "next/link";
import { connection } from "next/server";
import { getConfig } from "@/lib/config";

export default async function HomePage() {
  await connection();
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  return (
    <main id="main" className="narrow">
      <h1>{PRACTICE_NAME} Patient Portal</h1>
      <p>
        Questions about your portal account? Call the practice at <a href={`tel:${PRACTICE_PHONE}`}>{PRACTICE_PHONE}</a>
        .
      </p>
      <p>
        <Link href="/admin">Staff sign-in</Link>
      </p>
    </main>
  );
}
