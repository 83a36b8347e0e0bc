/** Time allowed for one control call to a local simulator, in milliseconds. */
const CONTROL_TIMEOUT_MS = 10_000;

/**
 * Calls a simulator's control API (`.../_control/`) over HTTP and returns the parsed JSON
 * body (undefined for an empty one). Throws an Error naming the call and the simulator's
 * message for a non-2xx status or a timeout.
 */
export async function callControl<T>(
  controlUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(path, controlUrl);
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `Simulator control call ${method} ${url.pathname} failed with HTTP ${response.status}: ${text.slice(0, 500)}`,
    );
  }
  return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
}
