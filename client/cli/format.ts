// Human-readable output for the terminal; --json gives machines the JSON instead.
import type { MaLoanDecision } from '../../policies/ma-loan/evaluate';
import type { PolicyPack } from '../../policies/types';
import { formatCny, formatPercent } from '../../policies/money';

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat(widths[i] - [...c].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatLoanDecision(d: MaLoanDecision & { workflowId?: string; id?: string }): string {
  const lines = [
    `${d.decision.toUpperCase()}  as of ${d.asOf}  under ${d.policy.id}@${d.policy.version} (${d.policy.confidence})`,
    `  ${d.policy.title}`,
    `  max loan ${formatCny(d.limits.maxLoanAmountCny)} (${formatPercent(d.limits.maxLoanRatio)}), max term ${d.limits.maxTermYears} years`,
  ];
  if (d.workflowId) lines.push(`  workflow ${d.workflowId}${d.id ? `, id ${d.id}` : ''}`);
  lines.push(
    '',
    table([['check', 'result', 'message'], ...d.checks.map((c) => [c.id, c.passed ? 'pass' : 'FAIL', c.message])]),
  );
  const skipped = d.selection.filter((s) => !s.applied);
  if (skipped.length) lines.push('', 'not applied:', ...skipped.map((s) => `  ${s.policy}: ${s.reasons.join('; ')}`));
  return lines.join('\n');
}

export function formatPacks(packs: Array<PolicyPack & { hash: string }>): string {
  return table([
    ['pack', 'mechanism', 'scope', 'from', 'to', 'confidence', 'title'],
    ...packs.map((p) => [
      `${p.id}@${p.version}`,
      p.mechanism,
      p.jurisdiction.level === 'national'
        ? 'national'
        : `${p.jurisdiction.level} (${(p.jurisdiction.level === 'city' ? p.jurisdiction.cities : p.jurisdiction.provinces).length})`,
      p.effectiveFrom,
      p.effectiveTo ?? '—',
      p.confidence,
      p.title,
    ]),
  ]);
}
