import { useState } from 'react';
import { errorMessage, invoke } from '../bridge.js';
import { Modal } from '../components/Modal.js';

/** Asks to confirm Disconnect and whether to keep the local data, then disconnects. */
export function DisconnectDialog({
  onClose,
  onDisconnected,
}: {
  onClose(): void;
  onDisconnected(): Promise<void>;
}) {
  const [keepData, setKeepData] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await invoke('agent:disconnect', { keepData });
      await onDisconnected();
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Modal title="Disconnect Upstock Dear Sync?" onCancel={onClose}>
      <p>
        Syncing stops and the saved Application Key and token are removed. You can connect again at
        any time.
      </p>
      <fieldset>
        <legend>Local data (product selection, sync history, order ledger)</legend>
        <label className="choice">
          <input
            type="radio"
            name="local-data"
            checked={keepData}
            onChange={() => setKeepData(true)}
          />
          Keep local data, so reconnecting picks up where it left off
        </label>
        <label className="choice">
          <input
            type="radio"
            name="local-data"
            checked={!keepData}
            onChange={() => setKeepData(false)}
          />
          Delete local data from this computer
        </label>
      </fieldset>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Disconnecting…' : 'Disconnect'}
        </button>
      </div>
    </Modal>
  );
}
