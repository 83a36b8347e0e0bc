import { useId, useState } from 'react';

/** Interval choices offered for each job, as cron expressions in the agent's local time. */
export const INTERVALS: { label: string; cron: string }[] = [
  { label: 'Every minute', cron: '*/1 * * * *' },
  { label: 'Every 5 minutes', cron: '*/5 * * * *' },
  { label: 'Every 15 minutes', cron: '*/15 * * * *' },
  { label: 'Every 30 minutes', cron: '*/30 * * * *' },
  { label: 'Every hour', cron: '0 * * * *' },
  { label: 'Every 6 hours', cron: '0 */6 * * *' },
  { label: 'Every day at 02:30', cron: '30 2 * * *' },
  { label: 'Every Sunday at 02:30', cron: '30 2 * * 0' },
];

const CUSTOM = 'custom';

/** Returns an error for a cron expression that does not have 5 or 6 fields, else null. */
export function checkCron(label: string, cron: string): string | null {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length === 5 || fields.length === 6) return null;
  return `${label}: "${cron}" is not a valid schedule. Enter a cron expression with 5 fields, such as */15 * * * *.`;
}

/** Renders a drop-down of common intervals, with a cron text box for anything else. */
export function ScheduleField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(cron: string): void;
}) {
  const id = useId();
  const preset = INTERVALS.find((interval) => interval.cron === value.trim());
  const [customChosen, setCustomChosen] = useState(false);
  const custom = customChosen || !preset;

  return (
    <div className="schedule-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={custom ? CUSTOM : preset.cron}
        onChange={(event) => {
          const chosen = event.target.value;
          setCustomChosen(chosen === CUSTOM);
          if (chosen !== CUSTOM) onChange(chosen);
        }}
      >
        {INTERVALS.map((interval) => (
          <option key={interval.cron} value={interval.cron}>
            {interval.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom (cron)</option>
      </select>
      {custom ? (
        <input
          aria-label={`${label} cron expression`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
        />
      ) : null}
    </div>
  );
}
