// Whether a request comes from this machine, by the trusted client address (lib/http/client-ip.ts). Behind a
// proxy that appends X-Forwarded-For the address is the one the outermost proxy saw, so a proxy on this
// machine does not make the whole internet "local". Without such a proxy the header is whatever the caller
// sent: only binding the server to 127.0.0.1 (npm run dev does, unless HOST says otherwise) keeps others out.
import { clientIpFrom } from "./client-ip";

export function isLoopbackAddress(ip: string): boolean {
  const a = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return a === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(a);
}

export function isLoopbackClient(headers: { get(name: string): string | null }): boolean {
  return isLoopbackAddress(clientIpFrom(headers));
}
