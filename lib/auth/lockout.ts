// Per-account lockout after repeated failures (SECURITY.md S1); the lock never shows in any message.
export const LOCKOUT = { maxFailures: 10, lockMinutes: 15 } as const;
