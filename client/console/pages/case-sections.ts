// The read-only parts of a case page: the decision with each check, the pack that decided (its
// sources, confidence and assumptions), the timeline, and each kind's own record — the grant and
// its separate-ledger entry, the licence's schedule, payments, balances and ledger, the review's
// findings and determination.
import type { CasePage, DecisionSummary, PackSummary, TimelineEntry } from '../case-page';
import { html, type Html } from '../html';
import { formatMoney, t, type Lang } from '../i18n';
import type { LicenceView } from '../../../workflows/deferred-licence-definitions';
import type { ReviewView } from '../../../workflows/diligence-exemption-definitions';
import type { RightsGrantView } from '../../../workflows/rights-grant-definitions';
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

export function grantSection(lang: Lang, page: CasePage): Html {
  const v = page.view as RightsGrantView;
  const e = page.ledgerEntry;
  return html`<section aria-labelledby="h-grant">
    <h2 id="h-grant">${t(lang, 'case.grant')}</h2>
    <dl>
      <dt>${t(lang, 'case.publicityEndsOn')}</dt>
      <dd>${v.publicityEndsOn ? when(lang, v.publicityEndsOn) : '—'}</dd>
      <dt>${t(lang, 'case.agreementReference')}</dt>
      <dd>${v.agreementReference ?? '—'}</dd>
    </dl>
    ${
      v.objections.length
        ? html`<h3>${t(lang, 'case.objections')}</h3>
            <ul>
              ${v.objections.map(
                (o) =>
                  html`<li>${when(lang, o.at)} · ${o.actor.id} (${roleName(lang, o.actor.role)}): ${o.reason}</li>`,
              )}
            </ul>`
        : ''
    }
    <h3>${t(lang, 'case.ledgerEntry')}</h3>
    ${
      e
        ? html`<dl class="ledger-entry">
            <dt>${t(lang, 'field.unit.name')}</dt>
            <dd>${e.unitName}</dd>
            <dt>${t(lang, 'field.result.title')}</dt>
            <dd>${e.resultTitle}</dd>
            <dt>${t(lang, 'field.grant.form')}</dt>
            <dd>${t(lang, `value.${e.form}`)}</dd>
            ${
              e.teamShare
                ? html`<dt>${t(lang, 'field.grant.teamShare')}</dt>
                    <dd>${e.teamShare}</dd>`
                : ''
            }
            ${
              e.ltuYears
                ? html`<dt>${t(lang, 'field.grant.years')}</dt>
                    <dd>${e.ltuYears}</dd>`
                : ''
            }
            <dt>${t(lang, 'case.agreementReference')}</dt>
            <dd>${e.agreementReference}</dd>
            <dt>${t(lang, 'case.registeredAt')}</dt>
            <dd>${when(lang, e.registeredAt)}</dd>
          </dl>`
        : html`<p>${t(lang, 'case.ledgerNone')}</p>`
    }
  </section>`;
}

export function licenceSection(lang: Lang, page: CasePage): Html {
  const v = page.view as LicenceView;
  return html`<section aria-labelledby="h-licence">
    <h2 id="h-licence">${t(lang, 'case.licence')}</h2>
    <dl>
      <dt>${t(lang, 'case.contractReference')}</dt>
      <dd>${v.contractReference ?? '—'}</dd>
      <dt>${t(lang, 'case.registrationNumber')}</dt>
      <dd>${v.registrationNumber ?? '—'}</dd>
      <dt>${t(lang, 'case.paymentStartsOn')}</dt>
      <dd>${v.paymentStartsOn ? when(lang, v.paymentStartsOn) : t(lang, 'case.paymentWaits')}</dd>
    </dl>
    <h3>${t(lang, 'case.balances')}</h3>
    <dl class="balances">
      <dt>${t(lang, 'case.dueTotal')}</dt>
      <dd>${formatMoney(v.ledger.dueCny)}</dd>
      <dt>${t(lang, 'case.paidTotal')}</dt>
      <dd>${formatMoney(v.ledger.paidCny)}</dd>
      <dt>${t(lang, 'case.overdueTotal')}</dt>
      <dd>${formatMoney(v.ledger.overdueCny)}</dd>
      <dt>${t(lang, 'case.balance')}</dt>
      <dd><strong>${formatMoney(v.ledger.balanceCny)}</strong></dd>
    </dl>
    <h3>${t(lang, 'case.schedule')}</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'case.itemNo')}</th>
          <th scope="col">${t(lang, 'case.dueOn')}</th>
          <th scope="col">${t(lang, 'case.amount')}</th>
          <th scope="col">${t(lang, 'case.paid')}</th>
          <th scope="col">${t(lang, 'case.status')}</th>
        </tr>
      </thead>
      <tbody>
        ${v.schedule.map(
          (i) =>
            html`<tr>
              <td>${i.no}</td>
              <td>${when(lang, i.dueOn)}</td>
              <td>${i.amountCny ? formatMoney(i.amountCny) : t(lang, 'case.notAssessed')}</td>
              <td>${formatMoney(i.paidCny)}</td>
              <td>${t(lang, `schedule.${i.status}`)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${t(lang, 'case.payments')}</h3>
    ${
      v.payments.length
        ? html`<ul>
            ${v.payments.map(
              (p) => html`<li>${when(lang, p.on)} · ${formatMoney(p.amountCny)} · ${p.payer} · ${p.reference}</li>`,
            )}
          </ul>`
        : html`<p>—</p>`
    }
    <h3>${t(lang, 'case.ledger')}</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'case.when')}</th>
          <th scope="col">${t(lang, 'case.ledgerKind')}</th>
          <th scope="col">${t(lang, 'case.itemNo')}</th>
          <th scope="col">${t(lang, 'case.amount')}</th>
          <th scope="col">${t(lang, 'field.reference')}</th>
        </tr>
      </thead>
      <tbody>
        ${page.licenceLedger.map(
          (r) =>
            html`<tr>
              <td>${when(lang, r.on)}</td>
              <td>${t(lang, `ledger.${r.kind}`)}</td>
              <td>${r.itemNo ?? ''}</td>
              <td>${formatMoney(r.amountCny)}</td>
              <td>${r.reference ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="${page.reconciled ? 'reconciled' : 'not-reconciled'}" id="reconciled">
      ${t(lang, page.reconciled ? 'case.reconciled' : 'case.notReconciled')}
    </p>
  </section>`;
}

const itemName = (lang: Lang, item: string) => t(lang, `item.${item}`);
const subjectName = (lang: Lang, subject: string) => (subject === 'unit' ? t(lang, 'item.unit') : subject);

export function reviewSection(lang: Lang, page: CasePage): Html {
  const v = page.view as ReviewView;
  return html`<section aria-labelledby="h-review">
    <h2 id="h-review">${t(lang, 'case.review')}</h2>
    <dl>
      <dt>${t(lang, 'field.trigger')}</dt>
      <dd>${t(lang, `value.${v.request.trigger.kind}`)}: ${v.request.trigger.description}</dd>
      <dt>${t(lang, 'field.transfer')}</dt>
      <dd>
        ${v.request.transfer.title} · ${t(lang, `value.${v.request.transfer.pricing}`)} ·
        ${when(lang, v.request.transfer.decidedOn)}
      </dd>
      ${
        v.request.linkedCaseId
          ? html`<dt>${t(lang, 'case.linkedFrom')}</dt>
              <dd><a href="/cases/${encodeURIComponent(v.request.linkedCaseId)}">${v.request.linkedCaseId}</a></dd>`
          : ''
      }
      <dt>${t(lang, 'case.applicants')}</dt>
      <dd>${v.request.applicants.map((a) => `${a.name} (${t(lang, `value.${a.role}`)})`).join(', ')}</dd>
    </dl>
    ${
      v.open.length
        ? html`<h3>${t(lang, 'case.openItems')}</h3>
            <ul class="open-items">
              ${v.open.map(
                (o) =>
                  html`<li>
                    ${subjectName(lang, o.subject)} / ${itemName(lang, o.item)} <code>${o.subject}/${o.item}</code>
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      v.findings.length
        ? html`<h3>${t(lang, 'case.findings')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'field.subject')}</th>
                  <th scope="col">${t(lang, 'field.item')}</th>
                  <th scope="col">${t(lang, 'field.value')}</th>
                  <th scope="col">${t(lang, 'case.documents')}</th>
                  <th scope="col">${t(lang, 'case.who')}</th>
                </tr>
              </thead>
              <tbody>
                ${v.findings.map(
                  (f) =>
                    html`<tr>
                      <td>${subjectName(lang, f.subject)}</td>
                      <td>${itemName(lang, f.item)}</td>
                      <td>${t(lang, `value.${f.value}`)}${f.note ? html`<div class="hint">${f.note}</div>` : ''}</td>
                      <td>${f.evidence.map((d) => html`<div>${d.name} <code class="sha">${d.sha256}</code></div>`)}</td>
                      <td>
                        ${f.actor.id}
                        <div class="hint">${when(lang, f.at)}</div>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${
      v.preliminary
        ? html`<h3>${t(lang, 'case.preliminary')}</h3>
            <ul>
              ${v.preliminary.map(
                (p) =>
                  html`<li>
                    ${p.person} (${t(lang, `value.${p.role}`)}): ${t(lang, `decision.${p.decision.decision}`)}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      v.determination
        ? html`<h3>${t(lang, 'case.determination')}</h3>
            <ul class="determination">
              ${v.determination.outcomes.map(
                (o) =>
                  html`<li>
                    <strong>${o.person}</strong>:
                    ${t(lang, `value.${o.outcome}`)}${o.reason ? html` — ${o.reason}` : ''}
                  </li>`,
              )}
            </ul>
            <p class="hint">
              ${v.determination.actor.id} (${roleName(lang, v.determination.actor.role)}) ·
              ${when(lang, v.determination.at)}
            </p>`
        : ''
    }
    ${
      v.correctiveActions.length
        ? html`<h3>${t(lang, 'case.correctiveActions')}</h3>
            <ul>
              ${v.correctiveActions.map(
                (a) =>
                  html`<li>
                    <code>${a.id}</code> ${a.description} · ${a.owner} · ${when(lang, a.dueOn)} ${a.done ? '✓' : ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}
