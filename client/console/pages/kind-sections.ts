// The sections of a case page that belong to one kind of case: a rights grant's publicity and
// separate ledger, a licence's schedule, payments, balances and ledger, and a review's findings and
// determination. The sections every case page shares (decision, pack, timeline) are in
// case-sections.ts.
import type { CasePage } from '../case-page';
import { html, type Html } from '../html';
import { formatMoney, t, type Lang } from '../i18n';
import type { LicenceView } from '../../../workflows/deferred-licence-definitions';
import type { ReviewView } from '../../../workflows/diligence-exemption-definitions';
import type { RightsGrantView } from '../../../workflows/rights-grant-definitions';
import { roleName, when } from './frame';

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
