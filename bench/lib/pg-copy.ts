import type pg from 'pg';

/**
 * COPY … FROM STDIN for node-postgres without pg-copy-streams (not installed here): a minimal
 * "submittable" query that answers the server's CopyInResponse by streaming CopyData chunks
 * from an async iterable, with back-pressure on the socket, then CopyDone.
 */
interface Connection {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  query(text: string): void;
}

class CopyFrom {
  callback?: (err: Error | null, rowCount?: number) => void;
  private rowCount = 0;
  private error: Error | null = null;
  constructor(private text: string, private chunks: AsyncIterable<Buffer>) {}
  submit(connection: Connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: Connection) {
    void (async () => {
      try {
        for await (const chunk of this.chunks) {
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
        }
        connection.endCopyFrom();
      } catch (err) {
        connection.sendCopyFail((err as Error).message);
      }
    })();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number((msg.text ?? '').split(' ')[1] ?? 0);
  }
  handleError(err: Error) {
    this.error = err;
  }
  handleReadyForQuery() {
    this.callback?.(this.error, this.rowCount);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY table (cols) FROM STDIN …` with the given chunks; resolves to the rows copied. */
export function copyFrom(client: pg.PoolClient | pg.Client, text: string, chunks: AsyncIterable<Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyFrom(text, chunks);
    q.callback = (err, n) => (err ? reject(err) : resolve(n ?? 0));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}
