// Empty on purpose: without it the build picks up the product's instrumentation.ts (migrations, workers).
export function register() {}
