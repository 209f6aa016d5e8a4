// The public id of a loan check: base64url of "<bankId>/<requestId>". Deterministic, so a retry
// finds the same record, and reversible, so GET /v1/loan-checks/{id} can find a check that is
// still running and has no record yet.
export function loanCheckId(bankId: string, requestId: string): string {
  return `lc_${Buffer.from(`${bankId}/${requestId}`, 'utf8').toString('base64url')}`;
}

export function parseLoanCheckId(id: string): { bankId: string; requestId: string } | null {
  if (!id.startsWith('lc_')) return null;
  const text = Buffer.from(id.slice(3), 'base64url').toString('utf8');
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return null;
  const bankId = text.slice(0, slash);
  const requestId = text.slice(slash + 1);
  return loanCheckId(bankId, requestId) === id ? { bankId, requestId } : null;
}
