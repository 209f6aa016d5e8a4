// A notice as mailed: subject, plain text and HTML, in the recipient's language (zh or en). Every
// value from a case is escaped in the HTML part; every notice names the case, what is expected,
// by when, and links to the case in the console.
import { escapeHtml } from '../../client/console/html';
import { formatDate, formatDateTime, formatMoney, t, type Lang } from '../../client/console/i18n';
import { MESSAGES } from '../../client/console/messages';
import type { NoticeEvent, NoticeEventName } from './notice-events';

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

const KIND: Record<Lang, Record<string, string>> = {
  zh: {
    'rights-grant': '赋权',
    'deferred-licence': '先使用后付费许可',
    'diligence-exemption': '尽职免责审查',
    'ma-loan': '并购贷款审查',
  },
  en: {
    'rights-grant': 'rights grant',
    'deferred-licence': 'use-first-pay-later licence',
    'diligence-exemption': 'due-diligence exemption review',
    'ma-loan': 'M&A loan check',
  },
};

const when = (lang: Lang, by: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(by) ? formatDate(lang, by) : formatDateTime(lang, new Date(by));

type Lines = { title: string; expected: string };

/**
 * A stage or a choice as the console names it (its catalogs, client/console/messages/), so a mail
 * and the case page say the same; a name the console does not have yet is shown as it is.
 */
const named = (lang: Lang, prefix: 'stage' | 'value', name: string) =>
  Object.hasOwn(MESSAGES, `${prefix}.${name}`) ? t(lang, `${prefix}.${name}`) : name;

/** A determination's outcomes: the applicant's own, or (for the office) everyone's. */
function outcomesLine(lang: Lang, e: NoticeEvent, subject?: string): string {
  const own = (e.outcomes ?? []).filter((o) => subject === undefined || o.person === subject);
  const sep = lang === 'zh' ? '；' : '; ';
  return own
    .map((o) => {
      const reason = o.reason ? (lang === 'zh' ? `（${o.reason}）` : ` (${o.reason})`) : '';
      return `${o.person}${lang === 'zh' ? '：' : ': '}${named(lang, 'value', o.outcome)}${reason}`;
    })
    .join(sep);
}

function lines(lang: Lang, e: NoticeEvent, subject?: string): Lines {
  const kind = KIND[lang][e.kind] ?? e.kind;
  // (an English stage name runs in a sentence: "the department review step")
  const stageName = named(lang, 'stage', e.stage);
  const stage = lang === 'en' ? stageName.charAt(0).toLowerCase() + stageName.slice(1) : stageName;
  const endsOn = e.endsOn ? formatDate(lang, e.endsOn) : '';
  const outcomes = outcomesLine(lang, e, subject);
  const by = e.by ? when(lang, e.by) : '';
  const amount = e.amountCny ? formatMoney(e.amountCny) : '';
  const due = e.dueOn ? formatDate(lang, e.dueOn) : '';
  const zh: Record<NoticeEventName, Lines> = {
    'case.step-waiting': {
      title: `${kind} ${e.caseId}：“${stage}”环节等待您办理`,
      expected: `请于 ${by} 前完成“${stage}”环节的办理。`,
    },
    'case.step-reminder': {
      title: `${kind} ${e.caseId}：“${stage}”环节办理期限已过半，仍在等待您办理`,
      expected: `提醒：请于 ${by} 前完成“${stage}”环节的办理，逾期将升级处理。`,
    },
    'case.escalated': {
      title: `${kind} ${e.caseId}：“${stage}”环节已超期并升级至您`,
      expected: `该环节已超过期限，现由您办理，请尽快处理。`,
    },
    'licence.reminder': {
      title: `许可 ${e.caseId}：第 ${e.item} 期款项 ${amount} 将于 ${due} 到期`,
      expected: `请于 ${by} 前支付第 ${e.item} 期款项 ${amount}。`,
    },
    'licence.payment-due': {
      title: `许可 ${e.caseId}：第 ${e.item} 期款项 ${amount} 今日到期`,
      expected: `第 ${e.item} 期款项 ${amount} 于 ${due} 到期，请按时支付。`,
    },
    'licence.overdue': {
      title: `许可 ${e.caseId}：第 ${e.item} 期款项 ${amount} 已逾期`,
      expected: `第 ${e.item} 期款项（${due} 到期）尚欠 ${amount}。请于宽限期最后一日 ${by} 前付清，否则将构成违约。`,
    },
    'licence.defaulted': {
      title: `许可 ${e.caseId}：第 ${e.item} 期款项 ${amount} 违约`,
      expected: `宽限期已过，第 ${e.item} 期仍欠 ${amount}：已构成违约。付清欠款即可恢复履约。`,
    },
    'licence.credit-flag-lifted': {
      title: `许可 ${e.caseId}：违约已纠正，信用标记已撤销`,
      expected: `违约款项已全部付清，信用标记已撤销，无需进一步办理。`,
    },
    'grant.publicity-started': {
      title: `${kind} ${e.caseId}：公示开始，至 ${endsOn} 结束`,
      expected: `请在本单位公示该赋权事项，公示期至 ${endsOn}（含当日）；期间如有异议，请在控制台中登记。`,
    },
    'grant.publicity-ended': {
      title: e.objected ? `${kind} ${e.caseId}：公示期间收到异议，公示终止` : `${kind} ${e.caseId}：公示期满，无异议`,
      expected: e.objected
        ? `公示期间收到异议，案件已退回转化办重新审核，请撤下公示。`
        : `公示已于 ${endsOn} 期满且无异议，请撤下公示；案件进入集体决策。`,
    },
    'review.determined': {
      title: `${kind} ${e.caseId}：已作出认定`,
      expected: `认定结果：${outcomes}。结果将由转化办公布执行。`,
    },
  };
  const en: Record<NoticeEventName, Lines> = {
    'case.step-waiting': {
      title: `${kind} ${e.caseId}: the ${stage} step is waiting for you`,
      expected: `Please complete the ${stage} step by ${by}.`,
    },
    'case.step-reminder': {
      title: `${kind} ${e.caseId}: half the time for the ${stage} step has gone and it is still waiting for you`,
      expected: `A reminder: please complete the ${stage} step by ${by}; after that it is escalated.`,
    },
    'case.escalated': {
      title: `${kind} ${e.caseId}: the ${stage} step is overdue and escalated to you`,
      expected: `The step is past its deadline and you may now act: please act as soon as possible.`,
    },
    'licence.reminder': {
      title: `Licence ${e.caseId}: payment ${e.item} of ${amount} is due on ${due}`,
      expected: `Please pay instalment ${e.item} of ${amount} by ${by}.`,
    },
    'licence.payment-due': {
      title: `Licence ${e.caseId}: payment ${e.item} of ${amount} falls due today`,
      expected: `Payment ${e.item} of ${amount} falls due on ${due}: please pay it.`,
    },
    'licence.overdue': {
      title: `Licence ${e.caseId}: payment ${e.item} of ${amount} is overdue`,
      expected: `${amount} of payment ${e.item} (due ${due}) is unpaid. Pay it by ${by}, the last day of grace, or the licence defaults.`,
    },
    'licence.defaulted': {
      title: `Licence ${e.caseId}: payment ${e.item} of ${amount} is in default`,
      expected: `The grace period has ended with ${amount} of payment ${e.item} unpaid: the licence is in default. Paying it in full cures the default.`,
    },
    'licence.credit-flag-lifted': {
      title: `Licence ${e.caseId}: default cured, credit flag lifted`,
      expected: `Every defaulted amount has been paid and the credit flag has been lifted. Nothing more is needed.`,
    },
    'grant.publicity-started': {
      title: `${kind} ${e.caseId}: publicity starts, ending on ${endsOn}`,
      expected: `Please publish the grant in the unit until ${endsOn} (that day included); record any objection in the console.`,
    },
    'grant.publicity-ended': {
      title: e.objected
        ? `${kind} ${e.caseId}: an objection ended the publicity`
        : `${kind} ${e.caseId}: publicity over, no objection`,
      expected: e.objected
        ? `An objection was raised during the publicity: the case is back in office review. Please take the notice down.`
        : `The publicity ended on ${endsOn} with no objection: please take the notice down. The case goes to the collective decision.`,
    },
    'review.determined': {
      title: `${kind} ${e.caseId}: determined`,
      expected: `Outcome: ${outcomes}. The office publishes and applies the result.`,
    },
  };
  return (lang === 'zh' ? zh : en)[e.event];
}

/** The mail for one recipient. `link` is the case in the console; `unsubscribe` only for optional notices. */
export function renderNotice(
  lang: Lang,
  e: NoticeEvent,
  to: { name: string; subject?: string },
  link: string,
  unsubscribe?: string,
): RenderedNotice {
  const { title, expected } = lines(lang, e, to.subject);
  const zh = lang === 'zh';
  const greeting = zh ? `${to.name}，您好：` : `Dear ${to.name},`;
  const open = zh ? `在控制台查看案件：` : `Open the case in the console:`;
  const unsub = unsubscribe ? (zh ? `不再接收此类通知：` : `Stop notices of this kind:`) : '';
  const signature = zh ? '—— transferflow（此邮件由系统自动发送）' : '— transferflow (sent automatically)';
  const text = [
    greeting,
    '',
    title,
    expected,
    '',
    `${open} ${link}`,
    ...(unsubscribe ? ['', `${unsub} ${unsubscribe}`] : []),
    '',
    signature,
    '',
  ].join('\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const a = (href: string) => `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`;
  const html = [
    `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>`,
    p(greeting),
    `<p><strong>${escapeHtml(title)}</strong></p>`,
    p(expected),
    `<p>${escapeHtml(open)} ${a(link)}</p>`,
    ...(unsubscribe ? [`<p><small>${escapeHtml(unsub)} ${a(unsubscribe)}</small></p>`] : []),
    `<p><small>${escapeHtml(signature)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[transferflow] ${title}`, text, html };
}
