// npm run staff:create -- --email someone@practice.org --role admin [--name "Full Name"]
// Asks for the password (hidden), or generates one with --generate-password and prints it once to the terminal.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/db/open";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import type { Db } from "@/db/client";

function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      // Piped input: read one line, never echoed by us.
      let data = "";
      stdin.setEncoding("utf8");
      stdin.on("data", (c) => (data += c));
      stdin.on("end", () => resolve(data.split(/\r?\n/)[0] ?? ""));
      stdin.on("error", reject);
      return;
    }
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (ch: string) => {
      if (ch === "\r" || ch === "\n") {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off("data", onData);
        process.stdout.write("\n");
        resolve(value);
      } else if (ch === "\u0003") {
        process.exit(130);
      } else if (ch === "\u007f") {
        value = value.slice(0, -1);
      } else {
        value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", default: "front_desk" },
      name: { type: "string" },
      "generate-password": { type: "boolean", default: false },
    },
  });
  if (!values.email) {
    console.error(
      "Usage: npm run staff:create -- --email someone@practice.org --role admin|front_desk [--name NAME] [--generate-password]",
    );
    process.exit(2);
  }
  const generated = values["generate-password"] ? randomBytes(18).toString("base64url") : null;
  const password = generated ?? (await askHidden("Password (at least 15 characters): "));
  const config = getConfig();
  const opened = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    const result = await createStaffUser(opened.db as Db, {
      name: values.name ?? values.email.split("@")[0],
      email: values.email,
      role: values.role as "admin" | "front_desk",
      password,
    });
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.errors))
        console.error(`${field}: ${(messages as string[]).join("; ")}`);
      process.exitCode = 1;
      return;
    }
    console.log(`Created ${values.role} ${values.email}.`);
    // Shown on the terminal once so the admin can hand it over; never written to a log file by us.
    if (generated) process.stdout.write(`Generated password: ${generated}\n`);
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error(`Could not create the staff user: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
