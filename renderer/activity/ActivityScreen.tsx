import { useCallback, useEffect, useState } from 'react';
import type { IpcEvents, OrderAttentionRow } from '../../shared/ipc.js';
import type { AgentStatus, RunSummary } from '../../shared/sync.js';
import { useAgent } from '../agent-state.js';
import { errorMessage, invoke, subscribe } from '../bridge.js';
import { formatDateTime } from '../format.js';
import { AttentionOrders } from './AttentionOrders.js';
import { JobsTable } from './JobsTable.js';
import { RunHistory } from './RunHistory.js';
import { UnrepresentableRules, latestUnrepresentable } from './UnrepresentableRules.js';

const HISTORY_LIMIT = 50;

type Notification = IpcEvents['notification:added'];

/**
 * Renders the Activity screen: jobs, orders needing attention, discounts not carried over, the run
 * history and notifications. Lists reload whenever a run ends or the attention count moves.
 */
export function ActivityScreen() {
  const { status, progress } = useAgent();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [orders, setOrders] = useState<OrderAttentionRow[]>([]);
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const [error, setError] = useState<string | null>(null);
  const changeKey = status ? activityKey(status) : '';

  const reload = useCallback(async () => {
    try {
      const [nextRuns, nextOrders] = await Promise.all([
        invoke('runs:list', { limit: HISTORY_LIMIT }),
        invoke('orders:attention', undefined),
      ]);
      setRuns(nextRuns);
      setOrders(nextOrders);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, changeKey]);

  useEffect(() => {
    invoke('notifications:list', undefined).then(setNotifications, (failure: unknown) =>
      setError(errorMessage(failure)),
    );
    return subscribe('notification:added', (added) =>
      setNotifications((current) => [added, ...current.filter((item) => item.id !== added.id)]),
    );
  }, []);

  return (
    <section aria-labelledby="activity-title" className="screen">
      <h2 id="activity-title">Activity</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <h3>Jobs</h3>
      {status ? <JobsTable status={status} progress={progress} /> : <p>Loading…</p>}

      <h3>Orders needing attention</h3>
      <AttentionOrders orders={orders} onRetried={reload} />

      <h3>Discounts and deals not carried over</h3>
      <UnrepresentableRules rules={latestUnrepresentable(runs)} />

      <h3>Run history</h3>
      <RunHistory runs={runs} />

      <h3>Notifications</h3>
      {notifications.length === 0 ? (
        <p className="muted">No notifications.</p>
      ) : (
        <ul className="notifications" aria-label="Notifications">
          {notifications.map((item) => (
            <li key={item.id}>
              <strong>{item.title}</strong> <span className="muted">{formatDateTime(item.at)}</span>
              <div>{item.body}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Returns a key that changes when a run finished or the number of orders needing attention moved. */
function activityKey(status: AgentStatus): string {
  const lastRuns = status.jobs.map((job) => `${job.lastRun?.id ?? 0}:${job.running}`).join(',');
  return `${lastRuns}|${status.ordersNeedingAttention}`;
}
