import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LockOwner } from '../../main/store/lock-owner.js';

/**
 * Returns an owner on this host whose process has exited: a `node` child that ran nothing.
 * Another process may reuse its pid before a test reads it. The owner then looks alive, so a
 * test relying on it fails rather than passes by mistake.
 */
export function exitedOwner(): LockOwner {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('could not start a node child for a dead pid');
  return { id: randomUUID(), pid: child.pid, hostname: hostname() };
}

/** Returns an owner that stands for a process on another PC sharing the data folder. */
export function otherHostOwner(): LockOwner {
  return { id: randomUUID(), pid: 4242, hostname: `other-${randomUUID().slice(0, 8)}` };
}

/** Returns a second owner in this process: alive on this host, with its own ID. */
export function siblingOwner(): LockOwner {
  return { id: randomUUID(), pid: process.pid, hostname: hostname() };
}
