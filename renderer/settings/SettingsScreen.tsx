import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../shared/settings.js';
import { errorMessage, invoke } from '../bridge.js';
import { ScheduleField, checkCron } from './ScheduleField.js';

type Schedules = Settings['schedules'];

const SCHEDULE_LABELS: { key: keyof Schedules; label: string }[] = [
  { key: 'catalog', label: 'Products and customers' },
  { key: 'prices', label: 'Price lists' },
  { key: 'reference', label: 'Reference data (tax rules, locations, price tiers)' },
  { key: 'orders', label: 'Approved orders to Cin7 Core' },
  { key: 'shipments', label: 'Shipments back to Upstock' },
  { key: 'fullResync', label: 'Full re-sync' },
];

/**
 * Renders the Settings screen. It edits a copy and sends the changed sections in full with
 * `settings:update`, so an unsaved edit never reaches the engine.
 */
export function SettingsScreen() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    invoke('settings:get', undefined).then(
      (settings) => {
        setSaved(settings);
        setDraft(settings);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);

  if (!draft || !saved) {
    return (
      <section aria-labelledby="settings-title" className="screen">
        <h2 id="settings-title">Settings</h2>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : (
          <p>Loading…</p>
        )}
      </section>
    );
  }

  function update<K extends keyof Settings>(section: K, patch: Partial<Settings[K]>) {
    setDraft((current) =>
      current ? { ...current, [section]: { ...current[section], ...patch } } : current,
    );
    setMessage(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || !saved) return;
    const invalid = SCHEDULE_LABELS.map(({ key, label }) =>
      checkCron(label, draft.schedules[key]),
    ).find(Boolean);
    if (invalid) {
      setError(invalid);
      return;
    }

    setBusy(true);
    setError(null);
    try {
      const next = await invoke('settings:update', changedSections(saved, normalise(draft)));
      setSaved(next);
      setDraft(next);
      setMessage('Settings saved.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="settings-title" className="screen">
      <h2 id="settings-title">Settings</h2>
      <form onSubmit={(event) => void save(event)} className="settings-form">
        <fieldset className="card">
          <legend>Sales in Cin7 Core</legend>
          <label className="choice">
            <input
              type="radio"
              name="sale-status"
              checked={draft.orders.saleStatus === 'DRAFT'}
              onChange={() => update('orders', { saleStatus: 'DRAFT' })}
            />
            Draft (the sale shows as “Ordering”, so discounts can be applied by hand)
          </label>
          <label className="choice">
            <input
              type="radio"
              name="sale-status"
              checked={draft.orders.saleStatus === 'AUTHORISED'}
              onChange={() => update('orders', { saleStatus: 'AUTHORISED' })}
            />
            Authorised (the sale shows as “Ordered”)
          </label>
          <TextField
            label="Freight product (a Cin7 Core service product)"
            value={draft.orders.freightProduct}
            onChange={(freightProduct) => update('orders', { freightProduct })}
          />
          <TextField
            label="Tax rule (empty: the active 15% sale rule)"
            value={draft.orders.taxRule ?? ''}
            onChange={(taxRule) => update('orders', { taxRule })}
          />
          <TextField
            label="Location (empty: the customer's location, else the first one)"
            value={draft.orders.location ?? ''}
            onChange={(location) => update('orders', { location })}
          />
          <TextField
            label="Sales representative when the customer has none"
            value={draft.orders.fallbackSalesRep}
            onChange={(fallbackSalesRep) => update('orders', { fallbackSalesRep })}
          />
        </fieldset>

        <fieldset className="card">
          <legend>Sync intervals</legend>
          {SCHEDULE_LABELS.map(({ key, label }) => (
            <ScheduleField
              key={key}
              label={label}
              value={draft.schedules[key]}
              onChange={(cron) => update('schedules', { [key]: cron })}
            />
          ))}
        </fieldset>

        <fieldset className="card">
          <legend>Application</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.app.startAtLogin}
              onChange={(event) => update('app', { startAtLogin: event.target.checked })}
            />
            Start at login (in the tray, without opening this window)
          </label>
          <label htmlFor="update-channel">Update channel</label>
          <select
            id="update-channel"
            value={draft.app.updateChannel}
            onChange={(event) =>
              update('app', {
                updateChannel: event.target.value as Settings['app']['updateChannel'],
              })
            }
          >
            <option value="latest">Stable</option>
            <option value="beta">Beta</option>
          </select>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
          <button type="button" onClick={() => setDraft(saved)} disabled={busy}>
            Undo changes
          </button>
        </div>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {message ? <p role="status">{message}</p> : null}
      </form>
    </section>
  );
}

/** Trims the optional names, so an empty tax rule or location means "use the default". */
function normalise(settings: Settings): Settings {
  return {
    ...settings,
    orders: {
      ...settings.orders,
      freightProduct: settings.orders.freightProduct.trim(),
      taxRule: settings.orders.taxRule?.trim() || null,
      location: settings.orders.location?.trim() || null,
      fallbackSalesRep: settings.orders.fallbackSalesRep.trim(),
    },
  };
}

/** Returns the sections of `draft` that differ from `saved`, each in full. */
export function changedSections(saved: Settings, draft: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of Object.keys(draft) as (keyof Settings)[]) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(draft[key])) {
      Object.assign(patch, { [key]: draft[key] });
    }
  }
  return patch;
}

function TextField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label className="field">
      {label}
      <input value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
