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
  const [runsError, setRunsError] = useState<string | null>(null);
  const [ordersError, setOrdersError] = useState<string | null>(null);
  const [notificationsError, setNotificationsError] = useState<string | null>(null);
  const changeKey = status ? activityKey(status) : '';

  // The two lists load separately, so an engine without the orders part still shows runs.
  // Returns the reloaded orders, or null when they could not be read.
  const reload = useCallback(async (): Promise<OrderAttentionRow[] | null> => {
    const [runsResult, ordersResult] = await Promise.allSettled([
      invoke('runs:list', { limit: HISTORY_LIMIT }),
      invoke('orders:attention', undefined),
    ]);
    if (runsResult.status === 'fulfilled') setRuns(runsResult.value);
    if (ordersResult.status === 'fulfilled') setOrders(ordersResult.value);
    setRunsError(runsResult.status === 'rejected' ? errorMessage(runsResult.reason) : null);
    setOrdersError(ordersResult.status === 'rejected' ? errorMessage(ordersResult.reason) : null);
    return ordersResult.status === 'fulfilled' ? ordersResult.value : null;
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, changeKey]);

  useEffect(() => {
    invoke('notifications:list', undefined).then(setNotifications, (failure: unknown) =>
      setNotificationsError(errorMessage(failure)),
    );
    return subscribe('notification:added', (added) =>
      setNotifications((current) => [added, ...current.filter((item) => item.id !== added.id)]),
    );
  }, []);

  return (
    <section aria-labelledby="activity-title" className="screen">
      <h2 id="activity-title">Activity</h2>
      <h3>Jobs</h3>
      {status ? <JobsTable status={status} progress={progress} /> : <p>Loading…</p>}

      <h3>Orders needing attention</h3>
      {ordersError ? (
        <ErrorLine message={ordersError} />
      ) : (
        <AttentionOrders orders={orders} onRetried={reload} />
      )}

      <h3>Pricing Upstock cannot carry over</h3>
      <UnrepresentableRules rules={latestUnrepresentable(runs)} />

      <h3>Run history</h3>
      <ErrorLine message={runsError} />
      <RunHistory runs={runs} />

      <h3>Notifications</h3>
      <ErrorLine message={notificationsError} />
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

function ErrorLine({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}

/** Returns a key that changes when a run finished or the number of orders needing attention moved. */
function activityKey(status: AgentStatus): string {
  const lastRuns = status.jobs.map((job) => `${job.lastRun?.id ?? 0}:${job.running}`).join(',');
  return `${lastRuns}|${status.ordersNeedingAttention}`;
}
