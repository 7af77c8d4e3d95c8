/**
 * The requests the emulator answered, for tests that assert what a client sent (which If-Match a PUT carried, how
 * many calls an operation made) from the service's side. Only ARM requests are kept, not /_emulator control calls;
 * the newest MAX_JOURNAL_ENTRIES, so a long-running emulator does not grow without bound.
 */
export const MAX_JOURNAL_ENTRIES = 5_000;

export interface JournalEntry {
  method: string;
  /** The URL path as sent (no query). */
  path: string;
  apiVersion: string | undefined;
  /** The conditional headers as sent (quotes included), when present. */
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  /** The status answered; 0 when the connection was dropped without an answer (an injected fault). */
  status: number;
  requestId: string;
}

export class RequestJournal {
  private readonly kept: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.kept.push(entry);
    if (this.kept.length > MAX_JOURNAL_ENTRIES) this.kept.splice(0, this.kept.length - MAX_JOURNAL_ENTRIES);
  }

  /** Oldest first; a copy. */
  entries(): JournalEntry[] {
    return [...this.kept];
  }

  clear(): void {
    this.kept.length = 0;
  }
}
