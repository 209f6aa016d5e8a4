// The read-only parts every case page shares: the decision with each check, the pack that decided
// (its sources, confidence and assumptions) and the timeline. Each kind's own record (the grant's,
// the licence's, the review's) is in kind-sections.ts.
import type { DecisionSummary, PackSummary, TimelineEntry } from '../case-page';
import { html, type Html } from '../html';
import { formatMoney, t, type Lang } from '../i18n';
import { roleName, when } from './frame';
import { checkName, explainCheck } from '../explain';
import type { Check } from '../../../policies/types';

const shown = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : Array.isArray(v)
      ? v.join(', ')
      : typeof v === 'boolean'
        ? String(v)
        : String(v);

function yesNo(lang: Lang, v: unknown): string {
  return typeof v === 'boolean' ? t(lang, `value.${v}`) : shown(v);
}

/** Why a check passed or failed, translated (client/console/explain.ts); the evaluator's own words on demand. */
function explanationCell(lang: Lang, c: Check, pack: string): Html {
  const why = explainCheck(lang, c, pack);
  return html`<span class="${why.translated ? '' : 'untranslated'}">${why.text}</span>
    <details class="hint">
      <summary>${t(lang, 'explain.original')}</summary>
      <span lang="en">${why.original}</span>
    </details>`;
}

/** A check's name and why it passed or failed, for the launch preview's list. */
export function checkLine(lang: Lang, c: Check, pack: string): Html {
  const name = checkName(lang, c.id);
  return html`<span class="${name.translated ? '' : 'untranslated'}">${name.text}</span>
    ${explanationCell(lang, c, pack)}`;
}

export function decisionSection(lang: Lang, d: DecisionSummary | null, pack?: PackSummary | null): Html {
  if (!d) return html``;
  return html`<section aria-labelledby="h-decision">
    <h2 id="h-decision">${t(lang, 'case.decision')}</h2>
    <p>
      <strong class="decision ${d.checks.every((c) => c.passed) ? 'ok' : 'off'}"
        >${t(lang, 'case.decisionAsOf', { decision: t(lang, `decision.${d.decision}`), date: when(lang, d.asOf) })}</strong
      >
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'case.check')}</th>
          <th scope="col">${t(lang, 'case.result')}</th>
          <th scope="col">${t(lang, 'check.limit')}</th>
          <th scope="col">${t(lang, 'check.actual')}</th>
          <th scope="col">${t(lang, 'case.explanation')}</th>
        </tr>
      </thead>
      <tbody>
        ${d.checks.map(
          (c) =>
            html`<tr>
              <th scope="row">
                <span class="${checkName(lang, c.id).translated ? '' : 'untranslated'}"
                  >${checkName(lang, c.id).text}</span
                >
                <div class="hint"><code>${c.id}</code></div>
              </th>
              <td>
                <span class="tag ${c.passed ? 'ok' : 'off'}"
                  >${t(lang, c.passed ? 'check.passed' : 'check.failed')}</span
                >
              </td>
              <td>${yesNo(lang, c.limit)}</td>
              <td>${yesNo(lang, c.actual)}</td>
              <td>${explanationCell(lang, c, pack ? `${pack.id}@${pack.version}` : '')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function packSection(lang: Lang, p: PackSummary | null): Html {
  if (!p) return html``;
  return html`<section aria-labelledby="h-pack">
    <h2 id="h-pack">${t(lang, 'case.pack')}</h2>
    <p><strong>${p.title}</strong> <code>${p.id}@${p.version}</code></p>
    <p>
      ${t(lang, 'case.packEffective', {
        from: when(lang, p.effectiveFrom),
        to: p.effectiveTo ? when(lang, p.effectiveTo) : t(lang, 'case.packOpen'),
      })}
      · ${t(lang, 'case.confidence')}:
      <span class="tag conf-${p.confidence}">${t(lang, `confidence.${p.confidence}`)}</span>
    </p>
    <h3>${t(lang, 'case.sources')}</h3>
    <ul>
      ${p.sources.map(
        (s) =>
          html`<li>
            ${s.title} — ${s.issuer}, ${s.date}
            <span class="tag conf-${s.confidence}">${t(lang, `confidence.${s.confidence}`)}</span>
          </li>`,
      )}
    </ul>
    ${
      p.assumptions.length
        ? html`<h3>${t(lang, 'case.assumptions')}</h3>
            <ul>
              ${p.assumptions.map((a) => html`<li>${a}</li>`)}
            </ul>`
        : ''
    }
  </section>`;
}

export function timelineSection(lang: Lang, entries: TimelineEntry[]): Html {
  return html`<section aria-labelledby="h-timeline">
    <h2 id="h-timeline">${t(lang, 'case.timeline')}</h2>
    <table class="timeline">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'case.when')}</th>
          <th scope="col">${t(lang, 'case.what')}</th>
          <th scope="col">${t(lang, 'case.who')}</th>
          <th scope="col">${t(lang, 'case.why')}</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map(
          (e) =>
            html`<tr>
              <td>${when(lang, e.at)}</td>
              <td>
                ${t(lang, `action.${e.action}`)}
                <div class="hint">${e.stage ? t(lang, `stage.${e.stage}`) : ''}</div>
              </td>
              <td>
                ${e.actor.id}
                <div class="hint">${roleName(lang, e.actor.role)}</div>
              </td>
              <td>
                ${e.reason ? html`<p>${e.reason}</p>` : ''}
                ${e.reference ? html`<p>${t(lang, 'field.reference')}: ${e.reference}</p>` : ''}
                ${e.amountCny ? html`<p>${formatMoney(e.amountCny)}</p>` : ''}
                ${
                  e.documents.length
                    ? html`<ul class="docs">
                        ${e.documents.map((d) => html`<li>${d.name} <code class="sha">${d.sha256}</code></li>`)}
                      </ul>`
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
