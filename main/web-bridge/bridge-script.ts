/**
 * Source of the script the test server puts in front of the window's own bundle. It defines
 * `window.upstockDearSync` with the preload's shape: `invoke` posts to `/ipc/<channel>` and
 * `on` listens to the server-sent events at `/events`. Both are same-origin, so the window's
 * Content-Security-Policy (`script-src 'self'`, `connect-src 'self'`) allows them unchanged.
 */
export const BRIDGE_SCRIPT = `(() => {
  'use strict';
  const events = new EventSource('./events');

  async function invoke(channel, request) {
    const response = await fetch('./ipc/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: request === undefined ? null : request }),
    });
    const body = await response.json();
    if (!body.ok) throw new Error(body.error);
    return body.response;
  }

  function on(event, listener) {
    const handler = (message) => listener(JSON.parse(message.data));
    events.addEventListener(event, handler);
    return () => events.removeEventListener(event, handler);
  }

  window.upstockDearSync = Object.freeze({ invoke, on });
})();
`;
