// The reward case page's own record (先转化后奖励): the income and where it came from, the written
// split and who confirmed it, the calculation with each person's part, the publicity window on
// the official calendar, the approval, the payments through payroll (or shares registered), and
// the append-only distribution ledger with its reconciliation to the fen — the rows' own sums,
// not only the workflow's word for it.
import Decimal from 'decimal.js';
import type { CasePage, RewardLedgerRow } from '../case-page';
import { html, type Html } from '../html';
import { formatMoney, t, type Lang } from '../i18n';
import type { RewardView } from '../../../workflows/transformation-reward-definitions';
import { when } from './frame';

const sumOf = (rows: RewardLedgerRow[], kinds: string[], field: 'amountCny' | 'shares') =>
  rows.filter((r) => kinds.includes(r.kind) && r[field] !== null).reduce((s, r) => s.plus(r[field]!), new Decimal(0));

/** Whether the ledger rows themselves add up: income = deductions + payments + retained + department (cash), or formed = registered + retained (shares). */
export function rewardRowsReconcile(v: RewardView, rows: RewardLedgerRow[]): boolean {
  if (!v.ledger?.reconciled || rows.length === 0) return false;
  if (v.ledger.unit === 'shares')
    return sumOf(rows, ['shares-formed'], 'shares').eq(sumOf(rows, ['shares-registered', 'shares-retained'], 'shares'));
  const income = sumOf(rows, ['income'], 'amountCny');
  return income.eq(sumOf(rows, ['deduction', 'payment', 'retained', 'department'], 'amountCny'));
}

function incomeBlock(lang: Lang, v: RewardView): Html {
  const i = v.request.income;
  return html`<h3>${t(lang, 'reward.income')}</h3>
    <dl>
      <dt>${t(lang, 'reward.kind')}</dt>
      <dd>${t(lang, `value.${i.kind}`)}</dd>
      <dt>${t(lang, 'reward.gross')}</dt>
      <dd>
        ${
          i.grossCny !== undefined
            ? formatMoney(new Decimal(i.grossCny))
            : i.shares !== undefined
              ? `${i.shares} ${t(lang, 'reward.shares')}`
              : formatMoney(new Decimal(i.operatingProfitCny ?? 0))
        }
      </dd>
      <dt>${t(lang, 'reward.receivedOn')}</dt>
      <dd>${when(lang, i.receivedOn)}</dd>
      <dt>${t(lang, 'reward.source')}</dt>
      <dd>
        ${
          v.source?.licenceCaseId
            ? html`<a href="/cases/${encodeURIComponent(v.source.licenceCaseId)}">${v.source.licenceCaseId}</a>`
            : '—'
        }
        ${
          v.source?.rightsGrantCaseId
            ? html` ·
                <a href="/cases/${encodeURIComponent(v.source.rightsGrantCaseId)}">${v.source.rightsGrantCaseId}</a>`
            : ''
        }
      </dd>
    </dl>
    ${
      v.equity
        ? html`<h3>${t(lang, 'reward.equity')}</h3>
            <dl>
              <dt>${t(lang, 'field.equity.company')}</dt>
              <dd>${v.equity.company}</dd>
              <dt>${t(lang, 'field.equity.registeredCapitalCny')}</dt>
              <dd>${formatMoney(new Decimal(v.equity.registeredCapitalCny))}</dd>
              <dt>${t(lang, 'field.equity.shares')}</dt>
              <dd>${v.equity.shares}</dd>
              <dt>${t(lang, 'field.equity.valuationCny')}</dt>
              <dd>${formatMoney(new Decimal(v.equity.valuationCny))}</dd>
              <dt>${t(lang, 'field.equity.appraised')}</dt>
              <dd>${t(lang, `value.${v.equity.appraised}`)}</dd>
            </dl>`
        : ''
    }
    ${
      v.income.length
        ? html`<p>${t(lang, 'reward.batch', { until: v.collectUntil ? when(lang, v.collectUntil) : '—' })}</p>
            <ul>
              ${v.income.map((p) => html`<li>${when(lang, p.on)} · ${formatMoney(p.amountCny)} · ${p.reference}</li>`)}
            </ul>`
        : ''
    }`;
}

function splitBlock(lang: Lang, v: RewardView): Html {
  const fromGrant = v.source?.rightsGrantCaseId !== undefined;
  return html`<h3>${t(lang, 'reward.split')}</h3>
    ${fromGrant ? html`<p>${t(lang, 'reward.fromGrant')}</p>` : ''}
    <table id="reward-split">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'reward.person')}</th>
          <th scope="col">${t(lang, 'reward.share')}</th>
          <th scope="col">${t(lang, 'reward.confirmed')}</th>
        </tr>
      </thead>
      <tbody>
        ${v.request.team.map((m) => {
          const c = v.confirmations.find((x) => x.personId === m.id);
          return html`<tr>
            <th scope="row">${m.name} <span class="hint">${m.id}</span></th>
            <td>${new Decimal(m.share).times(100).toDecimalPlaces(2).toString()} %</td>
            <td>
              ${
                c
                  ? html`<span class="tag ok">${c.reference}</span> ${when(lang, c.at)}`
                  : fromGrant
                    ? '—'
                    : html`<span class="tag warn">${t(lang, 'reward.notConfirmed')}</span>`
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

function calculationBlock(lang: Lang, v: RewardView): Html {
  const d = v.calculation?.distribution;
  if (!v.calculation)
    return html`<h3>${t(lang, 'reward.calculation')}</h3>
      <p>${t(lang, 'reward.notCalculated')}</p>`;
  if (!d)
    return html`<h3>${t(lang, 'reward.calculation')}</h3>
      <p>—</p>`;
  const cash = d.poolCny !== undefined;
  const names = new Map(v.request.team.map((m) => [m.id, m.name]));
  return html`<h3>${t(lang, 'reward.calculation')}</h3>
    <dl class="balances">
      ${
        d.netIncomeCny !== undefined
          ? html`<dt>${t(lang, 'reward.netIncome')}</dt>
              <dd>${formatMoney(d.netIncomeCny)}</dd>`
          : ''
      }
      <dt>${t(lang, 'reward.teamShare')}</dt>
      <dd>${new Decimal(d.teamShare).times(100).toString()} %</dd>
      ${
        cash
          ? html`<dt>${t(lang, 'reward.pool')}</dt>
              <dd><strong>${formatMoney(d.poolCny!)}</strong></dd>`
          : html`<dt>${t(lang, 'reward.teamShares')}</dt>
              <dd><strong>${d.teamShares}</strong></dd>`
      }
      <dt>${t(lang, 'reward.retained')}</dt>
      <dd>${cash ? formatMoney(d.retainedCny!) : d.retainedShares}</dd>
      ${
        d.departmentCny !== undefined
          ? html`<dt>${t(lang, 'reward.department')}</dt>
              <dd>${formatMoney(d.departmentCny)}</dd>`
          : ''
      }
    </dl>
    <p>${t(lang, d.taxRelief ? 'reward.taxRelief' : 'reward.noTaxRelief')}</p>
    <table id="reward-people">
      <thead>
        <tr>
          <th scope="col">${t(lang, 'reward.person')}</th>
          ${
            cash
              ? html`<th scope="col">${t(lang, 'reward.amount')}</th>
                  <th scope="col">${t(lang, 'reward.taxable')}</th>`
              : html`<th scope="col">${t(lang, 'reward.shares')}</th>`
          }
        </tr>
      </thead>
      <tbody>
        ${d.people.map(
          (p) =>
            html`<tr>
              <th scope="row">${names.get(p.id) ?? p.id} <span class="hint">${p.id}</span></th>
              ${
                cash
                  ? html`<td>${formatMoney(p.amountCny!)}</td>
                      <td>${formatMoney(p.taxableCny!)}</td>`
                  : html`<td>${p.shares}</td>`
              }
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function publicityAndApproval(lang: Lang, v: RewardView): Html {
  return html`<h3>${t(lang, 'reward.publicity')}</h3>
    <p>
      ${
        v.publicityEndsOn
          ? t(lang, 'reward.publicityEnds', {
              date: when(lang, v.publicityEndsOn),
              days: v.calculation?.publicityDays ?? '—',
            })
          : t(lang, 'reward.publicityNotYet')
      }
    </p>
    ${v.publicityEndAssumed ? html`<p class="tag warn">${t(lang, 'reward.publicityAssumed')}</p>` : ''}
    ${
      v.objections.length
        ? html`<h4>${t(lang, 'reward.objections')}</h4>
            <ul>
              ${v.objections.map((o) => html`<li>${when(lang, o.at)} · ${o.actor.id}: ${o.reason}</li>`)}
            </ul>`
        : ''
    }
    <h3>${t(lang, 'reward.approval')}</h3>
    <p>${v.approvedBy ? t(lang, 'reward.approvedBy', { who: v.approvedBy.id }) : t(lang, 'reward.notApproved')}</p>`;
}

function paymentsBlock(lang: Lang, v: RewardView): Html {
  return html`<h3>${t(lang, 'reward.payments')}</h3>
    ${
      v.payments.length
        ? html`<ul id="reward-payments">
            ${v.payments.map(
              (p) =>
                html`<li>
                  ${when(lang, p.on)} · ${p.personId} ·
                  ${p.amountCny !== undefined ? formatMoney(p.amountCny) : `${p.shares} ${t(lang, 'reward.shares')}`} ·
                  ${t(lang, 'reward.payroll')} ${p.reference} ·
                  <span class="hint">${t(lang, 'reward.outsideCap')}</span>
                </li>`,
            )}
          </ul>`
        : html`<p>${t(lang, 'reward.noPayments')}</p>`
    }`;
}

function ledgerBlock(lang: Lang, v: RewardView, rows: RewardLedgerRow[]): Html {
  const ok = rewardRowsReconcile(v, rows);
  return html`<h3>${t(lang, 'reward.ledger')}</h3>
    ${
      rows.length
        ? html`<table id="reward-ledger">
            <thead>
              <tr>
                <th scope="col">${t(lang, 'case.when')}</th>
                <th scope="col">${t(lang, 'case.ledgerKind')}</th>
                <th scope="col">${t(lang, 'reward.person')}</th>
                <th scope="col">${t(lang, 'case.amount')}</th>
                <th scope="col">${t(lang, 'field.reference')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${when(lang, r.on)}</td>
                    <td>${t(lang, `reward.kind.${r.kind}`)}</td>
                    <td>${r.personId ?? ''}</td>
                    <td>${r.amountCny !== null ? formatMoney(r.amountCny) : (r.shares ?? '')}</td>
                    <td>${r.reference ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t(lang, 'reward.ledgerEmpty')}</p>`
    }
    <p class="${ok ? 'reconciled' : 'not-reconciled'}" id="reconciled">
      ${t(lang, ok ? 'reward.reconciled' : 'reward.notReconciled')}
    </p>`;
}

export function rewardSection(lang: Lang, page: CasePage): Html {
  const v = page.view as RewardView;
  return html`<section aria-labelledby="h-reward">
    <h2 id="h-reward">${t(lang, 'kind.reward')}</h2>
    ${incomeBlock(lang, v)} ${splitBlock(lang, v)} ${calculationBlock(lang, v)} ${publicityAndApproval(lang, v)}
    ${paymentsBlock(lang, v)} ${ledgerBlock(lang, v, page.rewardLedger)}
  </section>`;
}
