import type { RunSummary } from '../../shared/sync.js';
import { formatCounts, formatDateTime } from '../format.js';
import { JOB_LABELS } from './JobsTable.js';

/** Renders the run history, newest first, with counts per entity and the records that failed. */
export function RunHistory({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;

  return (
    <table className="data-table">
      <caption>Run history</caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Started</th>
          <th scope="col">Trigger</th>
          <th scope="col">Outcome</th>
          <th scope="col">Counts</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row">{JOB_LABELS[run.job]}</th>
            <td>{formatDateTime(run.startedAt)}</td>
            <td>
              {run.trigger}, {run.mode}
            </td>
            <td className={`run-${run.status}`}>
              {run.status}
              {run.error ? <div className="error">{run.error}</div> : null}
            </td>
            <td>
              <RunCounts run={run} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunCounts({ run }: { run: RunSummary }) {
  const entities = Object.entries(run.counts);
  return (
    <>
      {entities.length === 0 ? <span className="muted">no records</span> : null}
      <ul className="plain">
        {entities.map(([entity, counts]) => (
          <li key={entity}>
            {entity}: {formatCounts(counts)}
          </li>
        ))}
      </ul>
      {run.failures.length > 0 ? (
        <details>
          <summary>{run.failures.length} records failed</summary>
          <ul className="plain">
            {run.failures.map((failure, index) => (
              <li key={`${failure.entity}-${failure.recordId}-${index}`}>
                {failure.entity} {failure.label ?? failure.recordId}
                {failure.field ? ` (${failure.field})` : ''}: {failure.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
