// The outbox's sender: mails the notices waiting in the database through SMTP, retrying with
// backoff while the mail server is down (a notice is delayed, never lost), and marks each sent.
// A row is claimed before it is sent (status, attempt count), so two workers never send the same
// row; a worker that dies mid-send leaves a claim that lapses and is taken again. The Message-ID is
// the notice's id, so in that one case a second copy is recognisably the same mail.
import nodemailer, { type Transporter } from 'nodemailer';
import type { PrismaClient } from '../../prisma/generated/client';
import { config, type Config } from '../config';
import { chinaDate } from '../../policies/dates';
import { escapeHtml } from '../console/html';
import { repeatRounds } from '../repeat';

export type SmtpSettings = Pick<Config['smtp'], 'host' | 'port' | 'tls' | 'user' | 'password' | 'from'>;

/** How long a claim holds: a sender that has not finished by then is taken to have died. */
const CLAIM_MS = 120_000;
const BATCH = 20;

/** The wait before the next attempt: 5 s doubling to at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

export function smtpTransport(s: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    // A local catch-all (maildev, tests) offers no certificate worth checking; a real server's is checked.
    tls: s.host === '127.0.0.1' || s.host === 'localhost' ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

export class NoticeSender {
  private readonly transport: Transporter;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly smtp: SmtpSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.transport = smtpTransport(smtp);
  }

  /** Sends every notice due now; returns how many were sent. Errors per notice are recorded on it. */
  async sendDue(): Promise<number> {
    const now = this.now();
    const due = await this.prisma.notice.findMany({
      where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
    });
    let sent = 0;
    for (const n of due) {
      const claim = await this.prisma.notice.updateMany({
        where: { id: n.id, status: n.status, attempts: n.attempts },
        data: { status: 'sending', attempts: n.attempts + 1, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
      });
      if (claim.count !== 1) continue; // another sender has it
      try {
        await this.transport.sendMail({
          from: this.smtp.from,
          to: n.recipient,
          subject: n.subject,
          text: n.text,
          html: n.html,
          messageId: `<${n.id}@transferflow>`,
        });
        await this.prisma.notice.update({
          where: { id: n.id },
          data: { status: 'sent', sentAt: this.now(), messageId: `<${n.id}@transferflow>`, lastError: null },
        });
        sent++;
      } catch (error) {
        await this.prisma.notice.update({
          where: { id: n.id },
          data: {
            status: 'pending',
            nextAttemptAt: new Date(this.now().getTime() + retryDelayMs(n.attempts + 1)),
            lastError: String((error as Error).message ?? error).slice(0, 500),
          },
        });
      }
    }
    return sent + (await this.sendDigests(now));
  }

  /**
   * The daily digest: a person who chose it gets their optional notices in one mail, the first
   * round of each day (China time) that finds any waiting. The day is claimed before sending, so
   * two senders send one digest; a failed send gives the day back for the next round.
   */
  async sendDigests(now: Date): Promise<number> {
    const today = chinaDate(now.getTime());
    const waiting = await this.prisma.notice.findMany({ where: { status: 'digest' }, orderBy: { eventAt: 'asc' } });
    const byPerson = new Map<string, typeof waiting>();
    for (const n of waiting) if (n.personId) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
    let sent = 0;
    for (const [personId, rows] of byPerson) {
      const pref = await this.prisma.noticePreference.findUnique({ where: { personId } });
      if (!pref || pref.lastDigestOn === today) continue;
      const claim = await this.prisma.noticePreference.updateMany({
        where: { personId, lastDigestOn: pref.lastDigestOn },
        data: { lastDigestOn: today },
      });
      if (claim.count !== 1) continue;
      const zh = rows[0].language === 'zh';
      const subject = zh
        ? `[transferflow] 每日摘要：${rows.length} 条通知`
        : `[transferflow] Daily digest: ${rows.length} notice(s)`;
      const id = `digest-${personId}-${today}`;
      try {
        await this.transport.sendMail({
          from: this.smtp.from,
          to: rows[0].recipient,
          subject,
          text: rows.map((r) => r.text).join('\n----------------------------------------\n\n'),
          html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${rows
            .map((r) => /<body>([\s\S]*)<\/body>/.exec(r.html)?.[1] ?? '')
            .join('<hr>')}</body></html>`,
          messageId: `<${id}@transferflow>`,
        });
        await this.prisma.notice.updateMany({
          where: { id: { in: rows.map((r) => r.id) }, status: 'digest' },
          data: { status: 'sent', sentAt: this.now(), messageId: `<${id}@transferflow>` },
        });
        sent++;
      } catch (error) {
        await this.prisma.noticePreference.update({ where: { personId }, data: { lastDigestOn: pref.lastDigestOn } });
        await this.prisma.notice.updateMany({
          where: { id: { in: rows.map((r) => r.id) } },
          data: { lastError: String((error as Error).message ?? error).slice(0, 500) },
        });
      }
    }
    return sent;
  }

  /** Sends due notices every `intervalMs` until the returned stop is called (it waits for a round in progress). */
  every(intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
    const stop = repeatRounds(() => this.sendDue(), intervalMs, onError);
    return async () => {
      await stop();
      this.transport.close();
    };
  }
}

/** The sender the process's configuration asks for, or none without SMTP_HOST (notices then wait, pending). */
export function startNoticeSender(
  prisma: PrismaClient,
  smtp: SmtpSettings & { intervalMs?: number } = config().smtp,
): () => Promise<void> {
  if (!smtp.host) return async () => {};
  const sender = new NoticeSender(prisma, smtp);
  return sender.every(smtp.intervalMs ?? config().smtp.intervalMs, (e) =>
    process.stderr.write(`notice sender: ${(e as Error).message}\n`),
  );
}
