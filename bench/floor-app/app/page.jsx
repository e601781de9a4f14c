import { connection } from "next/server";
import { Form } from "./form";
import { submit } from "./actions";

export default async function Page() {
  await connection();
  return (
    <main>
      <Form action={submit} />
    </main>
  );
}
