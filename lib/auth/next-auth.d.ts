// One augmentation of Auth.js types for our claims.
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface User {
    kind?: "staff" | "patient";
    role?: "admin" | "front_desk" | "patient";
    sessionVersion?: number;
  }
  interface Session {
    user: {
      id: string;
      kind?: "staff" | "patient";
      role?: "admin" | "front_desk" | "patient";
    } & DefaultSession["user"];
    sessionVersion?: number;
    sessionId?: string;
    signedInAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    kind?: "staff" | "patient";
    role?: "admin" | "front_desk" | "patient";
    sv?: number;
    sid?: string;
    signedInAt?: number;
    seenAt?: number;
  }
}
