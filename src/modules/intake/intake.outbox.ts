/**
 * Sends status notices in groups, the way PostgreSQL commits in groups: the first notice goes
 * out at once; notices posted while that send is in flight wait for it and then go out
 * together, in the order they were posted, in one statement. Under load (20 workers moving
 * referrals) that is one NOTIFY statement for several changes instead of one each; on a quiet
 * server every notice still goes out at once. Each caller's promise settles when the send
 * carrying its notices has finished, so a caller still answers after its notice left.
 */
export class Outbox<T> {
  private inFlight: Promise<void> | null = null;
  private queued: T[] = [];
  private queuedSent: Promise<void> | null = null;

  /** `send` must not reject: a notice that cannot be sent is dropped by it, not by the outbox. */
  constructor(private readonly send: (batch: T[]) => Promise<void>) {}

  post(items: T[]): Promise<void> {
    if (!items.length) return Promise.resolve();
    if (!this.inFlight) return this.start(items);
    this.queued.push(...items);
    this.queuedSent ??= this.inFlight.then(() => {
      const batch = this.queued;
      this.queued = [];
      this.queuedSent = null;
      return this.start(batch);
    });
    return this.queuedSent;
  }

  private start(batch: T[]): Promise<void> {
    const sending: Promise<void> = this.send(batch).finally(() => {
      if (this.inFlight === sending) this.inFlight = null;
    });
    this.inFlight = sending;
    return sending;
  }
}
