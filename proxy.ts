// Next 16's proxy (formerly middleware): refreshes the session cookie on each request so idle time is
// measured from the last request. It is never the guard: every page and action checks the session itself.
import { auth } from "@/lib/auth/auth";

export default auth;

export const config = {
  // Pages and actions only: static files, images and the auth API handle themselves.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth).*)"],
};
