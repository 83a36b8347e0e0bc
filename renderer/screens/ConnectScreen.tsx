import { useState, type FormEvent } from 'react';
import { useAgent } from '../agent-state.js';
import { errorMessage, invoke } from '../bridge.js';
import { DisconnectDialog } from './DisconnectDialog.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns what is wrong with a Cin7 Core credential field, or null when it looks valid. */
export function checkGuid(label: string, value: string): string | null {
  if (!value) return `${label} is missing. Copy it from Cin7 Core.`;
  if (!GUID.test(value)) {
    return `${label} is not valid: Cin7 Core shows it as 32 hex digits in five groups (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`;
  }
  return null;
}

/** Renders the Connect screen: Cin7 Core credentials, the Upstock token, and Disconnect. */
export function ConnectScreen() {
  const { status, refreshStatus } = useAgent();
  const [disconnecting, setDisconnecting] = useState(false);

  return (
    <section aria-labelledby="connect-title" className="screen">
      <h2 id="connect-title">Connect</h2>
      <DearForm onConnected={refreshStatus} connectedAs={status?.dear.accountName ?? null} />
      <UpstockForm onConnected={refreshStatus} connectedAs={status?.upstock.accountName ?? null} />

      <div className="card">
        <h3>Disconnect</h3>
        <p className="muted">
          Stops every sync and removes the Cin7 Core Application Key and the Upstock token from this
          computer. Products and orders already in Upstock stay there.
        </p>
        <button
          type="button"
          className="danger"
          onClick={() => setDisconnecting(true)}
          disabled={!status?.dear.connected && !status?.upstock.connected}
        >
          Disconnect…
        </button>
      </div>

      {disconnecting ? (
        <DisconnectDialog onClose={() => setDisconnecting(false)} onDisconnected={refreshStatus} />
      ) : null}
    </section>
  );
}

function DearForm({
  connectedAs,
  onConnected,
}: {
  connectedAs: string | null;
  onConnected(): Promise<void>;
}) {
  const [accountId, setAccountId] = useState('');
  const [applicationKey, setApplicationKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [company, setCompany] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const credentials = { accountId: accountId.trim(), applicationKey: applicationKey.trim() };
    const invalid =
      checkGuid('Account ID', credentials.accountId) ??
      checkGuid('Application Key', credentials.applicationKey);
    setCompany(null);
    setError(invalid);
    if (invalid) return;

    setBusy(true);
    try {
      const result = await invoke('dear:connect', credentials);
      setCompany(`${result.company} (${result.currency})`);
      setApplicationKey('');
      await onConnected();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <h3>Cin7 Core</h3>
      <p className="muted">
        {connectedAs ? `Connected to ${connectedAs}.` : 'Not connected.'} In Cin7 Core, open
        Integrations → API, click “+”, create an application named “Upstock”, then copy its Account
        ID and Application Key here.
      </p>
      <label htmlFor="dear-account-id">Account ID</label>
      <input
        id="dear-account-id"
        value={accountId}
        onChange={(event) => setAccountId(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <label htmlFor="dear-application-key">Application Key</label>
      <input
        id="dear-application-key"
        type="password"
        value={applicationKey}
        onChange={(event) => setApplicationKey(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Checking…' : 'Connect Cin7 Core'}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {company ? <p role="status">Connected to {company}.</p> : null}
    </form>
  );
}

function UpstockForm({
  connectedAs,
  onConnected,
}: {
  connectedAs: string | null;
  onConnected(): Promise<void>;
}) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [supplier, setSupplier] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSupplier(null);
    if (!token.trim()) {
      setError(
        'Upstock token is missing. Enter the agent token that Upstock issued for this account.',
      );
      return;
    }

    setBusy(true);
    setError(null);
    try {
      const result = await invoke('upstock:connect', { token: token.trim() });
      setSupplier(result.supplier);
      setToken('');
      await onConnected();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <h3>Upstock</h3>
      <p className="muted">{connectedAs ? `Connected to ${connectedAs}.` : 'Not connected.'}</p>
      <label htmlFor="upstock-token">Upstock token</label>
      <input
        id="upstock-token"
        type="password"
        value={token}
        onChange={(event) => setToken(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Checking…' : 'Connect Upstock'}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {supplier ? <p role="status">Connected to {supplier}.</p> : null}
    </form>
  );
}
