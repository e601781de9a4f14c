"use server";
// The floor's server action: ./record.js and nothing else.
import { record } from "./record";

export async function submit(_prev, form) {
  return record(form);
}
