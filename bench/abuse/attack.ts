/**
 * The interface every attack of `npm run bench:abuse` implements (bench/abuse.ts is the runner).
 *
 * The runner starts a real `dateline serve` on loopback (SQLite, a seeded story), calls `prepare`,
 * then runs `run` while an ordinary reader loop requests `GET /` and the story page, and aborts
 * `ctx.signal` after the attack's time is up. Attacks must stay loopback-only and bounded: at most
 * `ctx.limits.connections` sockets open at once, and stop promptly (within a second or two) when the
 * signal aborts. The machine has 2 cores shared by the server, the attacker and the reader.
 */

/** What the runner hands an attack. */
export interface AttackContext {
  /** The server's base URL, e.g. `http://127.0.0.1:41234` (always loopback). */
  baseUrl: string;
  /** The server's data directory (database, media). */
  dataDir: string;
  /** Bearer secrets for tokens the runner created with `dateline token create`. */
  tokens: { editor: string; admin: string };
  /** The seeded live story: its id (for `/api/v1/stories/{id}/…`) and its page path. */
  story: { id: string; path: string; updates: number };
  /** Aborted when the attack must stop; pass it to fetch, check it in loops. */
  signal: AbortSignal;
  /** Upper bounds the attack must respect. */
  limits: {
    /** Sockets the attacker may hold open at once. */
    connections: number;
    /** Seconds the attack runs (the signal aborts after this). */
    durationS: number;
  };
  /**
   * Hosts the server may reach although they are loopback/private: the runner starts the server
   * with `DATELINE_OUTBOUND_ALLOW` set to this (`127.0.0.1,localhost`), so an attack may serve a
   * hostile feed or webhook target from this process on 127.0.0.1.
   */
  outboundAllow: string;
  /** Prints one line of progress under the attack's name. */
  log(line: string): void;
}

/** One attack; bench/abuse.ts imports the list of them. */
export interface Attack {
  /** Short kebab-case name, also the file name: `bench/abuse/<name>.ts`; `--only <name>` selects it. */
  name: string;
  /** One line saying what the attacker does, printed with the results. */
  description: string;
  /** Extra environment for the server while this attack runs (merged over the runner's). */
  serverEnv?: Record<string, string>;
  /**
   * Optional set-up before the reader loop starts measuring (e.g. starting a hostile feed server).
   * `readerPaths` are pages the ordinary reader also asks for, besides `/` and the story (e.g. a photo).
   */
  prepare?(ctx: AttackContext): Promise<{ readerPaths?: string[] } | void>;
  /**
   * Attacks until `ctx.signal` aborts, then releases everything it opened and resolves with a short
   * summary of what it achieved (e.g. "opened 2000 streams, 1850 refused with 429").
   */
  run(ctx: AttackContext): Promise<string>;
}
