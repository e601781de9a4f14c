// Types for test-kit/scratch-database.mjs (plain JavaScript so that scripts and the bench run it without tsx).

/** Throws unless `url` names a server on this machine: what creates and drops databases never touches another. */
export function assertLocalDatabase(url: string): void;

export type ScratchDatabase = {
  /** `<prefix>_<time>_<random>` */
  name: string;
  /** The admin URL with the database swapped for this one. */
  url: string;
  /** Drops the database, closing any connection still open to it; calling it twice is harmless. */
  drop: () => Promise<void>;
};

/** Creates an empty database on the local server `adminUrl` connects to. `prefix`: a-z, 0-9, "_", ".". */
export function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase>;
