// The texts the browser is given: only the parts that client components read. Handed every message, the provider
// in app/layout.tsx would put all of them (the emails' too, about 35 kB a language) into every page and into
// every action's answer that renders one, to be serialized, compressed and sent each time.
// lib/i18n/client-messages.test.ts follows the client components' imports and fails when one reads a text
// missing from this list.

/** Dotted paths into the message tree: an area, or a part of one. */
export const CLIENT_MESSAGE_PATHS = [
  "common",
  "links.form",
  "links.recovery",
  "portal.idle",
  "portal.password",
  "secondStep.appForm",
  "secondStep.email",
  "secondStep.passkey",
  "secondStep.recoveryCodes",
  "secondStep.remove",
  "signIn.field",
  "signIn.login",
  "signIn.passkey",
  "signIn.secondStep",
  "signIn.timedOut",
  "verification.form",
] as const;

type Tree = { [key: string]: unknown };

/** The parts of `messages` at `paths`, in the same tree shape. */
export function pickMessages(messages: Tree, paths: readonly string[] = CLIENT_MESSAGE_PATHS): Tree {
  const picked: Tree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: unknown = messages;
    for (const k of keys) from = (from as Tree | undefined)?.[k];
    if (from === undefined) throw new Error(`No messages at "${path}"`);
    let to = picked;
    for (const k of keys.slice(0, -1)) to = (to[k] ??= {}) as Tree;
    to[keys[keys.length - 1]] = from;
  }
  return picked;
}
