// Work that must happen but need not delay the answer. In a request the caller passes Next's `after`, which
// runs it once the response is sent; elsewhere (tests, scripts) it runs in place.
// biome-ignore lint/suspicious/noConfusingVoidType: Next's `after` returns void
export type Defer = (work: () => Promise<unknown>) => void | Promise<unknown>;

export const inline: Defer = (work) => work();
