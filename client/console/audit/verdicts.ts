// How a replay verification reads on a page: one row per history with its verdict, the pack and
// decision re-derived, and every difference found (non-determinism, a re-derived decision that
// is not the recorded one), in the verifier's own words.
import type { Verdict } from '../../audit/verify';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';

/** Each problem of one verdict, as `transferflow audit replay` lists them. */
export function problemsOf(v: Verdict): string[] {
  return [
    ...(v.determinismError ? [`non-deterministic: ${v.determinismError}`] : []),
    ...(v.rederivation?.problems ?? ['no re-derivation for this workflow type']),
  ];
}

/** A recorded decision in the reader's language; a value the catalog does not know is shown as recorded. */
function decisionText(lang: Lang, decision: string | null | undefined): string {
  if (!decision) return '—';
  try {
    return t(lang, `decision.${decision}`);
  } catch {
    return decision;
  }
}

export function verdictSection(lang: Lang, verdicts: readonly Verdict[], extra: readonly string[] = []): Html {
  const ok = verdicts.length > 0 && verdicts.every((v) => v.verified) && extra.length === 0;
  return html`<section aria-labelledby="h-verdict" class="verdict ${ok ? 'verified' : 'failed'}">
    <h2 id="h-verdict">${t(lang, 'audit.verdict')}</h2>
    <p class="outcome" role="status">
      <span class="tag ${ok ? 'ok' : 'off'}">${ok ? t(lang, 'audit.verified') : t(lang, 'audit.failed')}</span>
      ${ok ? t(lang, 'audit.verifiedMeans') : t(lang, 'audit.failedMeans')}
    </p>
    ${
      extra.length
        ? html`<ul class="problems">
            ${extra.map((p) => html`<li lang="en">${p}</li>`)}
          </ul>`
        : ''
    }
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'audit.history')}</th>
          <th scope="col">${t(lang, 'audit.result')}</th>
          <th scope="col">${t(lang, 'audit.pack')}</th>
          <th scope="col">${t(lang, 'audit.decision')}</th>
          <th scope="col">${t(lang, 'audit.differences')}</th>
        </tr>
      </thead>
      <tbody>
        ${verdicts.map((v) => {
          const problems = problemsOf(v);
          return html`<tr>
            <td>
              <code>${v.name}</code>
              <div class="hint">${v.workflowType}</div>
            </td>
            <td>
              <span class="tag ${v.verified ? 'ok' : 'off'}"
                >${v.verified ? t(lang, 'audit.verified') : t(lang, 'audit.failed')}</span
              >
              <div class="hint">
                ${v.deterministic ? t(lang, 'audit.deterministic') : t(lang, 'audit.nonDeterministic')}
              </div>
            </td>
            <td><code>${v.rederivation?.policy ?? '—'}</code></td>
            <td>${decisionText(lang, v.rederivation?.decision)}</td>
            <td>
              ${
                problems.length
                  ? html`<ul class="problems">
                      ${problems.map((p) => html`<li lang="en">${p}</li>`)}
                    </ul>`
                  : t(lang, 'audit.noDifference')
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}
