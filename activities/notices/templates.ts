// A notice as mailed: subject, plain text and HTML, in the recipient's language (zh or en). Every
// value from a case is escaped in the HTML part; every notice names the case, what is expected,
// by when, and links to the case in the console.
import { escapeHtml } from '../../client/console/html';
import { formatDate, formatDateTime, formatMoney, type Lang } from '../../client/console/i18n';
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

function lines(lang: Lang, e: NoticeEvent): Lines {
  const kind = KIND[lang][e.kind] ?? e.kind;
  const by = e.by ? when(lang, e.by) : '';
  const amount = e.amountCny ? formatMoney(e.amountCny) : '';
  const due = e.dueOn ? formatDate(lang, e.dueOn) : '';
  const zh: Record<NoticeEventName, Lines> = {
    'case.step-waiting': {
      title: `${kind} ${e.caseId}：“${e.stage}”环节等待您办理`,
      expected: `请于 ${by} 前完成“${e.stage}”环节的办理。`,
    },
    'case.step-reminder': {
      title: `${kind} ${e.caseId}：“${e.stage}”环节办理期限已过半，仍在等待您办理`,
      expected: `提醒：请于 ${by} 前完成“${e.stage}”环节的办理，逾期将升级处理。`,
    },
    'case.escalated': {
      title: `${kind} ${e.caseId}：“${e.stage}”环节已超期并升级至您`,
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
  };
  const en: Record<NoticeEventName, Lines> = {
    'case.step-waiting': {
      title: `${kind} ${e.caseId}: the ${e.stage} step is waiting for you`,
      expected: `Please complete the ${e.stage} step by ${by}.`,
    },
    'case.step-reminder': {
      title: `${kind} ${e.caseId}: half the time for the ${e.stage} step has gone and it is still waiting for you`,
      expected: `A reminder: please complete the ${e.stage} step by ${by}; after that it is escalated.`,
    },
    'case.escalated': {
      title: `${kind} ${e.caseId}: the ${e.stage} step is overdue and escalated to you`,
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
  };
  return (lang === 'zh' ? zh : en)[e.event];
}

/** The mail for one recipient. `link` is the case in the console; `unsubscribe` only for optional notices. */
export function renderNotice(
  lang: Lang,
  e: NoticeEvent,
  to: { name: string },
  link: string,
  unsubscribe?: string,
): RenderedNotice {
  const { title, expected } = lines(lang, e);
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
