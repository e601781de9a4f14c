// Empty on purpose: without it the build picks up the app's own instrumentation.ts (migrations, workers).
export function register() {}
