// PostgreSQL is left running for the next run (scripts/postgres.sh reuses it); nothing to undo.
export default async function globalTeardown(): Promise<void> {}
