// The wrapper every server action goes through: the caller is checked before a field is read, FormData is read
// one way, a refusal sends back what was typed but never a secret, and every action in the app uses it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formData, harness, Redirected, staffCaller } from "@/test-kit/action-harness";

vi.mock("@/lib/auth/dal", async () => (await import("@/test-kit/action-harness")).mockDal());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());

const { formAction, readForm, STALE_FORM } = await import("./form-action");

beforeEach(() => {
  harness.caller = {};
});

describe("formAction", () => {
  const schema = z.object({
    id: z.uuid(),
    name: z.string().min(1, "Enter a name").max(5, "Name must be 5 characters or fewer"),
    password: z.string().min(1, "Enter a password"),
    agree: z.boolean(),
  });
  const work = vi.fn(async () => ({ message: "done" }));
  const action = formAction(
    {
      caller: "staff",
      fields: { id: "text", name: "text", password: "secret", agree: "checkbox" },
      schema,
      hidden: ["id"],
    },
    work,
  );
  const id = "123e4567-e89b-12d3-a456-426614174000";

  it("refuses a caller the data-access layer refuses, before reading anything or doing the work", async () => {
    const form = formData({ id, name: "Ann", password: "secret words" });
    const get = vi.spyOn(form, "get");
    await expect(action({}, form)).rejects.toBeInstanceOf(Redirected);
    expect(get).not.toHaveBeenCalled();
    expect(work).not.toHaveBeenCalled();
  });

  it("a refused field comes back with its message and every non-secret value as typed, never the secret", async () => {
    harness.caller = { staff: staffCaller(id) };
    const state = await action({}, formData({ id, name: "Annabelle", password: "secret words", agree: true }));
    expect(state).toEqual({
      errors: { name: ["Name must be 5 characters or fewer"] },
      values: { id, name: "Annabelle", agree: "on" },
    });
    expect(JSON.stringify(state)).not.toContain("secret words");
    expect(work).not.toHaveBeenCalled();
  });

  it("a bad hidden field says the form is out of date, once", async () => {
    harness.caller = { staff: staffCaller(id) };
    const state = await action({}, formData({ id: "not-an-id", name: "", password: "x" }));
    expect(state.error).toBe(STALE_FORM);
    expect(state.errors).toBeUndefined();
  });

  it("a refusal from the work carries the values back too; success carries only what the work says", async () => {
    harness.caller = { staff: staffCaller(id) };
    const refusing = formAction({ caller: "public", fields: { name: "text", password: "secret" } }, async () => ({
      error: "No.",
    }));
    expect(await refusing({}, formData({ name: "Ann", password: "pw" }))).toEqual({
      error: "No.",
      values: { name: "Ann" },
    });
    expect(await action({}, formData({ id, name: "Ann", password: "pw" }))).toEqual({ message: "done" });
    expect(work).toHaveBeenCalledWith(
      { id, name: "Ann", password: "pw", agree: false },
      expect.objectContaining({ values: { id, name: "Ann" } }),
    );
  });
});

describe("readForm", () => {
  it("reads text, secrets, ticks and lists one way; a file or a missing field reads as blank", () => {
    const form = formData({ a: "x", s: "pw", tick: true, many: ["1", "2"] });
    form.append("file", new Blob(["data"]), "f.txt");
    const { input, values } = readForm(form, {
      a: "text",
      s: "secret",
      tick: "checkbox",
      off: "checkbox",
      many: "list",
      file: "text",
      missing: "text",
    });
    expect(input).toEqual({ a: "x", s: "pw", tick: true, off: false, many: ["1", "2"], file: "", missing: "" });
    expect(values).toEqual({ a: "x", tick: "on" });
  });

  it("anything but FormData reads as an empty form; a huge paste comes back cut by code points", () => {
    expect(readForm({ a: "x" }, { a: "text" }).input).toEqual({ a: "" });
    const { input, values } = readForm(formData({ a: "😀".repeat(3000) }), { a: "text" });
    expect(input.a).toBe("😀".repeat(3000));
    expect(values.a).toBe("😀".repeat(1000));
  });
});

describe("every server action goes through formAction", () => {
  const root = path.resolve(__dirname, "..");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [p] : [];
    });
  const actionFiles = files(root).filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));

  it("each exported action's body is one call to a function made by formAction", () => {
    const actions: string[] = [];
    for (const file of actionFiles) {
      const source = readFileSync(file, "utf8");
      const wrapped = new Set(
        [
          ...source.matchAll(
            /^const (\w+) = (?:formAction|setPasswordAction|verificationAction|secondStepAction|passkeyOptionsAction|passkeySignInAction|passkeySecondStepAction)\(/gm,
          ),
        ].map((m) => m[1]),
      );
      // A function made by formAction in a module of its own, shared with a route handler (the patient sign-in).
      for (const [, names, from] of source.matchAll(/^import \{([^}]*)\} from "(\.[^"]+)";/gm)) {
        const shared = readFileSync(`${path.resolve(path.dirname(file), from)}.ts`, "utf8");
        for (const name of names.split(",").map((n) => n.trim()))
          if (new RegExp(`^export const ${name} = formAction\\(`, "m").test(shared)) wrapped.add(name);
      }
      const exported = [...source.matchAll(/^export (?!type )/gm)].length;
      const before = actions.length;
      for (const m of source.matchAll(/^export async function (\w+)\([^)]*\)[^{]*\{\n([\s\S]*?)\n\}/gm)) {
        const [, name, body] = m;
        const first = body.trim().split("\n")[0];
        const callee = first.match(/^(?:return |await |const state = await )?(?:await )?(\w+)\(/)?.[1];
        expect(callee && wrapped.has(callee), `${path.relative(root, file)}#${name}: ${first}`).toBe(true);
        actions.push(`${path.relative(root, file)}#${name}`);
      }
      expect(actions.length - before, `${path.relative(root, file)}: an export that is not such an action`).toBe(
        exported,
      );
    }
    // Every export of a "use server" file is an action; this is how many the app has.
    expect(actions).toHaveLength(59);
  });
});
