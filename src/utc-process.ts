// Imported first by every entry point (the server and the CLIs). PostgreSQL's timestamp columns
// (without time zone: the portable type of the initial migration) hold UTC, and its driver reads
// and writes a Date in the process's own zone: so the process runs in UTC, whatever the host's.
process.env.TZ = 'UTC';
