import type { AgentStatus, JobName, JobProgress } from '../../shared/sync.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { formatDateTime } from '../format.js';

export const JOB_LABELS: Record<JobName, string> = {
  reference: 'Reference data',
  products: 'Products',
  customers: 'Customers',
  prices: 'Price lists',
  orders: 'Approved orders',
  shipments: 'Shipments',
};

/** Renders one row per job: its state, last and next run, and a progress bar while it runs. */
export function JobsTable({
  status,
  progress,
}: {
  status: AgentStatus;
  progress: Partial<Record<JobName, JobProgress>>;
}) {
  return (
    <table className="data-table">
      <caption>Jobs</caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">State</th>
          <th scope="col">Last run</th>
          <th scope="col">Last success</th>
          <th scope="col">Next run</th>
        </tr>
      </thead>
      <tbody>
        {status.jobs.map((job) => {
          const current = progress[job.job] ?? job.progress;
          return (
            <tr key={job.job}>
              <th scope="row">{JOB_LABELS[job.job]}</th>
              <td>
                {job.running && current ? (
                  <ProgressBar progress={current} label={`${JOB_LABELS[job.job]} progress`} />
                ) : job.running ? (
                  'Running'
                ) : status.paused ? (
                  'Paused'
                ) : (
                  'Idle'
                )}
              </td>
              <td>
                {job.lastRun
                  ? `${job.lastRun.status}, ${formatDateTime(job.lastRun.finishedAt ?? job.lastRun.startedAt)}`
                  : 'never'}
                {job.lastRun?.error ? <div className="error">{job.lastRun.error}</div> : null}
              </td>
              <td>{formatDateTime(job.lastSuccessAt)}</td>
              <td>{status.paused ? 'paused' : formatDateTime(job.nextRunAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
