/** Stops the PostgreSQL project's throwaway cluster (started in postgres-setup.ts, same process). */
export default function postgresTeardown(): void {
  (globalThis as { newsgatePostgres?: { stop(): void } }).newsgatePostgres?.stop();
}
