import type { FaultKind } from './faults.js';

/** One API call as the simulator saw it; control calls are not logged. */
export interface CallRecord {
  seq: number;
  at: string;
  method: string;
  /** Endpoint below `/ExternalApi/v2/` in lower case, e.g. `product` or `sale/order`. */
  path: string;
  query: string;
  /** HTTP status sent, or null when a fault left the call without a response. */
  status: number | null;
  fault: FaultKind | null;
}

const MAX_RECORDS = 20_000;

/** The most recent API calls (up to 20,000), oldest first. */
export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  add(entry: Omit<CallRecord, 'seq' | 'at'>): CallRecord {
    this.seq += 1;
    const record = { seq: this.seq, at: new Date().toISOString(), ...entry };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS)
      this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  list(): CallRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
