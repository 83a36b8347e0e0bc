import { startBenchWorld } from './bench-world.js';
import { control } from './child-simulator.js';
const world = await startBenchWorld({ products: 2000, customers: 500, rateWindowMs: 600 });
for (const p of [8, 9]) {
  const r = await fetch(`${world.dear.url}/product?IncludeDeprecated=true&IncludeAttachments=true&Page=${p}&Limit=250`, { headers: { "api-auth-accountid": "5e1a7c39-2b64-4f0e-9a3d-0c8b1f6d2a71", "api-auth-applicationkey": "b7d4e2f1-93a6-4c58-8e0b-6f2a1d9c4e35" } });
  const t = await r.text(); console.log(p, r.status, t.slice(0, 60), t.length, (JSON.parse(t).Products||[]).length);
}
await world.close();
