import type pg from 'pg';

interface CopyConnection {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  query(text: string): void;
}

/**
 * COPY … FROM STDIN for node-postgres (pg-copy-streams is not a dependency): a "submittable"
 * query that answers the server's CopyInResponse by sending CopyData chunks from an async
 * iterable, waiting for the socket to drain, then CopyDone.
 */
class CopyFrom {
  callback?: (err: Error | null, rowCount?: number) => void;
  private rowCount = 0;
  private error: Error | null = null;
  constructor(
    private readonly text: string,
    private readonly chunks: AsyncIterable<Buffer>,
  ) {}
  submit(connection: CopyConnection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection) {
    void (async () => {
      try {
        for await (const chunk of this.chunks) {
          // The server refused the data (a bad row): stop sending; CopyFail ends the COPY.
          if (this.error) break;
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
        }
        if (this.error) connection.sendCopyFail('COPY aborted after an error');
        else connection.endCopyFrom();
      } catch (err) {
        this.error ??= err as Error;
        connection.sendCopyFail((err as Error).message);
      }
    })();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number((msg.text ?? '').split(' ')[1] ?? 0);
  }
  /**
   * node-postgres lets go of the active query on an ErrorResponse (its ReadyForQuery then goes
   * to nobody), so an error settles the COPY here; the next query waits for that ReadyForQuery.
   */
  handleError(err: Error) {
    this.error ??= err;
    this.settle();
  }
  handleReadyForQuery() {
    this.settle();
  }
  private settled = false;
  private settle() {
    if (this.settled) return;
    this.settled = true;
    this.callback?.(this.error, this.rowCount);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/**
 * Runs `COPY … FROM STDIN` on a node-postgres client with the given chunks (COPY text format);
 * resolves to the rows copied. An error thrown by the chunks' source is the one reported.
 */
export function copyFrom(client: pg.PoolClient | pg.Client, text: string, chunks: AsyncIterable<Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyFrom(text, chunks);
    q.callback = (err, n) => (err ? reject(err) : resolve(n ?? 0));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}
