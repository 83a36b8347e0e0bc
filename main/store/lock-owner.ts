import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** The process that holds job locks and owns runs: a random ID, its pid and its host name. */
export interface LockOwner {
  /** Random per process, so a reused pid never passes for the process that crashed. */
  id: string;
  pid: number;
  hostname: string;
}

let current: LockOwner | null = null;

/** Returns this process's owner identity, the same object for every call in one process. */
export function currentProcessOwner(): LockOwner {
  current ??= { id: randomUUID(), pid: process.pid, hostname: hostname() };
  return current;
}

/**
 * Returns whether a process with `pid` exists on this host. Signal 0 tests for the process
 * without touching it; EPERM means it exists but belongs to another user. A pid reused by an
 * unrelated process reads as alive, which errs on the side of leaving a lock or run alone.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Returns whether the process that `owner` describes is gone for certain: it ran on this host
 * and its pid no longer exists. An owner on another host is never known gone here; callers
 * judge those by their lease.
 */
export function isOwnerGoneFromThisHost(
  owner: { pid: number | null; hostname: string | null },
  self: LockOwner,
  alive: (pid: number) => boolean = isProcessAlive,
): boolean {
  if (owner.hostname !== self.hostname || owner.pid === null) return false;
  if (owner.pid === self.pid) return false;
  return !alive(owner.pid);
}
