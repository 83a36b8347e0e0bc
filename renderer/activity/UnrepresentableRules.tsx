import type { RunSummary, UnrepresentableRule } from '../../shared/sync.js';

const KIND_LABELS: Record<UnrepresentableRule['kind'], string> = {
  'quantity-discount': 'Quantity-based discount',
  deal: 'Deal',
  'markup-discount': 'Markup discount',
  'free-shipping': 'Free shipping',
  'foreign-currency': 'Customer currency',
};

/**
 * Returns the rules reported by the newest run of each job that reported any, so a rule
 * reported by several runs of the same job appears once.
 */
export function latestUnrepresentable(runs: RunSummary[]): UnrepresentableRule[] {
  const seenJobs = new Set<string>();
  const rules = new Map<string, UnrepresentableRule>();
  for (const run of runs) {
    if (seenJobs.has(run.job) || run.unrepresentable.length === 0) continue;
    seenJobs.add(run.job);
    for (const rule of run.unrepresentable) {
      const key = `${rule.kind}:${rule.ruleName}`;
      if (!rules.has(key)) rules.set(key, rule);
    }
  }
  return [...rules.values()];
}

/** Renders the Cin7 Core discounts and deals that Upstock price lists cannot carry. */
export function UnrepresentableRules({ rules }: { rules: UnrepresentableRule[] }) {
  if (rules.length === 0) {
    return <p className="muted">Every Cin7 Core discount was carried over to Upstock.</p>;
  }

  return (
    <table className="data-table">
      <caption>Pricing Upstock cannot carry over</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Kind</th>
          <th scope="col">Affects</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={`${rule.kind}:${rule.ruleName}`}>
            <th scope="row">{rule.ruleName}</th>
            <td>{KIND_LABELS[rule.kind]}</td>
            <td>{rule.affected}</td>
            <td>{rule.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
