import pg from 'pg';

/**
 * A database of its own on the PostgreSQL server named by adminUrl: its URL, and statements
 * run on the server (CREATE, DROP) each on a connection of its own. The test databases and the
 * benches' databases both come from here.
 */
export function serverDatabase(adminUrl: string, name: string) {
  const onServer = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      return await client.query<T>(sql, params);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    /** A new database, empty or (template) a copy of another one that no one is connected to. */
    create: (template?: string) => onServer(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`).then(() => undefined),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
    exists: async () => (await onServer('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  };
}
