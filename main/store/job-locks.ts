import { getLogger } from '../log/logger.js';
import { isOwnerGoneFromThisHost, isProcessAlive, type LockOwner } from './lock-owner.js';
import type { PrepareCached } from './statements.js';
import type { JobLockHolder, JobLockRepository } from './types.js';

interface LockRow {
  job_group: string;
  job: string | null;
  owner_id: string;
  pid: number;
  hostname: string;
  acquired_at: string;
  heartbeat_at: string;
  expires_at_ms: number;
}

function toHolder(row: LockRow): JobLockHolder {
  return {
    group: row.job_group,
    job: row.job,
    ownerId: row.owner_id,
    pid: row.pid,
    hostname: row.hostname,
    acquiredAt: row.acquired_at,
    heartbeatAt: row.heartbeat_at,
    expiresAt: new Date(row.expires_at_ms).toISOString(),
  };
}

/**
 * Creates the job lock repository over an open, migrated database. Locks are held by `owner`
 * (one per process). `alive` returns whether a pid exists on this host, and tests may replace it.
 */
export function createJobLockRepository(
  prepare: PrepareCached,
  owner: LockOwner,
  alive: (pid: number) => boolean = isProcessAlive,
): JobLockRepository {
  const log = getLogger('store');
  const readRow = (group: string) =>
    prepare('SELECT * FROM job_locks WHERE job_group = ?').get(group) as LockRow | undefined;

  return {
    owner,

    tryAcquire: (group, job, leaseMs) => {
      const before = readRow(group);
      // A holder on this host whose pid is gone has crashed. Its row is replaced only if that
      // holder still owns it when the upsert runs (a compare and swap on the owner ID).
      const deadOwner =
        before && before.owner_id !== owner.id && isOwnerGoneFromThisHost(before, owner, alive)
          ? before.owner_id
          : null;
      const nowMs = Date.now();
      const now = new Date(nowMs).toISOString();
      const result = prepare(
        `INSERT INTO job_locks
           (job_group, job, owner_id, pid, hostname, acquired_at, heartbeat_at, expires_at_ms)
         VALUES (@group, @job, @owner, @pid, @host, @now, @now, @expires)
         ON CONFLICT (job_group) DO UPDATE SET
           job = excluded.job, owner_id = excluded.owner_id, pid = excluded.pid,
           hostname = excluded.hostname, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at_ms = excluded.expires_at_ms
         WHERE job_locks.expires_at_ms <= @nowMs
            OR job_locks.owner_id = excluded.owner_id
            OR job_locks.owner_id = @deadOwner`,
      ).run({
        group,
        job,
        owner: owner.id,
        pid: owner.pid,
        host: owner.hostname,
        now,
        nowMs,
        expires: nowMs + leaseMs,
        deadOwner,
      });
      if (result.changes > 0) {
        const replaced = before && before.owner_id !== owner.id ? toHolder(before) : null;
        if (before && replaced) {
          const why = deadOwner ? 'its process is gone' : 'its lease expired';
          log.warn(
            `Took over the ${group} job lock from pid ${before.pid} on ${before.hostname} ` +
              `(owner ${before.owner_id}, job ${before.job ?? 'unknown'}): ${why}`,
          );
        }
        return { acquired: true, holder: null, tookOverFrom: replaced };
      }
      const holder = readRow(group);
      // The holder may have released the lock between the upsert and this read. A null holder
      // tells the caller to try again.
      return { acquired: false, holder: holder ? toHolder(holder) : null };
    },

    renew: (group, leaseMs) => {
      const nowMs = Date.now();
      const result = prepare(
        `UPDATE job_locks SET heartbeat_at = ?, expires_at_ms = ?
         WHERE job_group = ? AND owner_id = ?`,
      ).run(new Date(nowMs).toISOString(), nowMs + leaseMs, group, owner.id);
      return result.changes > 0;
    },

    release: (group) => {
      const result = prepare('DELETE FROM job_locks WHERE job_group = ? AND owner_id = ?').run(
        group,
        owner.id,
      );
      return result.changes > 0;
    },

    holder: (group) => {
      const row = readRow(group);
      return row ? toHolder(row) : null;
    },

    list: () =>
      (prepare('SELECT * FROM job_locks ORDER BY job_group').all() as LockRow[]).map(toHolder),

    hasLiveLease: (ownerId) =>
      prepare('SELECT 1 FROM job_locks WHERE owner_id = ? AND expires_at_ms > ? LIMIT 1').get(
        ownerId,
        Date.now(),
      ) !== undefined,
  };
}
