/**
 * Open Server-Sent Event streams per chat session, in this process. A stream is only woken here; what
 * it sends is read from the database, so a message delivered by another instance still arrives (on the
 * stream's periodic check or on reconnect with Last-Event-ID).
 */
export class ChatStreams {
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly closers = new Set<() => void>();

  subscribe(sessionId: string, wake: () => void, close: () => void): () => void {
    const set = this.wakers.get(sessionId) ?? new Set();
    set.add(wake);
    this.wakers.set(sessionId, set);
    this.closers.add(close);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.wakers.delete(sessionId);
      this.closers.delete(close);
    };
  }

  wake(sessionId: string): void {
    for (const wake of this.wakers.get(sessionId) ?? []) wake();
  }

  count(sessionId: string): number {
    return this.wakers.get(sessionId)?.size ?? 0;
  }

  /** Ends every open stream (shutdown): the HTTP server cannot close while they are open. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
