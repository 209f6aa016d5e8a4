// The policy pages, for anyone signed in: every pack (scope, dates, sources, confidence,
// assumptions, its hash), one pack in full, which pack applies to a place and date and why the
// others do not, and the difference between two packs field by field. Read from the registry
// (policies/registry.ts), as GET /v1/policies reads it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { allPacks, getPack, packHash, packKey, UnknownPolicyError } from '../../../policies/registry';
import { MECHANISMS, type Mechanism, type PolicyPack } from '../../../policies/types';
import { isoDateSchema, jurisdictionSchema } from '../../../policies/input-primitives';
import { HttpError } from '../../api/http-error';
import { InvalidInputError, zodIssues } from '../../issues';
import { packSummary } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { packSection } from '../pages/case-sections';
import { POLICY_PAGE_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { auditPage } from '../audit/frame';
import { whichPackApplies, type Applicability } from './applies';
import { packDifferences } from './diff';
import { scopeText } from './jurisdiction';

const ROUTES = POLICY_PAGE_ROUTES;
const packHref = (p: PolicyPack) => `/policies/${encodeURIComponent(packKey(p))}`;

function packOptions(selected: string | undefined, mechanism?: Mechanism): Html {
  return html`${allPacks()
    .filter((p) => !mechanism || p.mechanism === mechanism)
    .map((p) => {
      const key = packKey(p);
      return html`<option value="${key}" ${key === selected ? html`selected` : ''}>${key}</option>`;
    })}`;
}

function mechanismOptions(lang: Lang, selected: string | undefined, only?: readonly Mechanism[]): Html {
  return html`${(only ?? MECHANISMS).map(
    (m) => html`<option value="${m}" ${m === selected ? html`selected` : ''}>${t(lang, `mechanism.${m}`)}</option>`,
  )}`;
}

function packRow(lang: Lang, p: PolicyPack): Html {
  return html`<tr>
    <td>
      <a href="${packHref(p)}"><code>${packKey(p)}</code></a>
      <div class="hint">${p.title}</div>
    </td>
    <td>${scopeText(lang, p.jurisdiction)}</td>
    <td>${p.effectiveFrom} – ${p.effectiveTo ?? t(lang, 'case.packOpen')}</td>
    <td><span class="tag conf-${p.confidence}">${t(lang, `confidence.${p.confidence}`)}</span></td>
    <td>${p.sources.length}</td>
    <td>${p.assumptions.length}</td>
  </tr>`;
}

function listPage(view: ConsoleView): Html {
  const { lang } = view;
  const mayWhatIf = (ROUTES.policyWhatIfForm.roles as readonly string[]).includes(view.caller.role);
  return auditPage(view, {
    title: t(lang, 'policy.title'),
    nav: ROUTES.policies.path,
    body: html`<p>${t(lang, 'policy.intro')}</p>
      <ul class="links">
        <li><a href="${ROUTES.policyApplies.path}">${t(lang, 'policy.applies')}</a></li>
        <li><a href="${ROUTES.policyDiff.path}">${t(lang, 'policy.diff')}</a></li>
        ${mayWhatIf ? html`<li><a href="${ROUTES.policyWhatIfForm.path}">${t(lang, 'policy.whatIf')}</a></li>` : ''}
      </ul>
      ${MECHANISMS.map(
        (m) =>
          html`<section aria-labelledby="h-${m}">
            <h2 id="h-${m}">${t(lang, `mechanism.${m}`)}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'policy.pack')}</th>
                  <th scope="col">${t(lang, 'policy.scope')}</th>
                  <th scope="col">${t(lang, 'policy.dates')}</th>
                  <th scope="col">${t(lang, 'case.confidence')}</th>
                  <th scope="col">${t(lang, 'case.sources')}</th>
                  <th scope="col">${t(lang, 'case.assumptions')}</th>
                </tr>
              </thead>
              <tbody>
                ${allPacks()
                  .filter((p) => p.mechanism === m)
                  .map((p) => packRow(lang, p))}
              </tbody>
            </table>
          </section>`,
      )}`,
  });
}

function packPage(view: ConsoleView, p: PolicyPack): Html {
  const { lang } = view;
  return auditPage(view, {
    title: `${t(lang, 'policy.pack')} ${packKey(p)}`,
    nav: ROUTES.policies.path,
    body: html`<dl>
        <dt>${t(lang, 'policy.mechanism')}</dt>
        <dd>${t(lang, `mechanism.${p.mechanism}`)}</dd>
        <dt>${t(lang, 'policy.scope')}</dt>
        <dd>${scopeText(lang, p.jurisdiction)}</dd>
        ${
          p.supersedes
            ? html`<dt>${t(lang, 'policy.supersedes')}</dt>
                <dd><code>${p.supersedes}</code></dd>`
            : ''
        }
        <dt>${t(lang, 'policy.hash')}</dt>
        <dd><code class="sha">${packHash(p)}</code></dd>
      </dl>
      ${packSection(lang, packSummary(p))}
      ${
        p.sources.some((s) => s.note)
          ? html`<h2>${t(lang, 'policy.sourceNotes')}</h2>
              <ul>
                ${p.sources.filter((s) => s.note).map((s) => html`<li>${s.title}: ${s.note}</li>`)}
              </ul>`
          : ''
      }
      <h2>${t(lang, 'policy.parameters')}</h2>
      <pre>${JSON.stringify(p.parameters, null, 2)}</pre>
      <p>
        <a href="${ROUTES.policyDiff.path}?a=${encodeURIComponent(packKey(p))}">${t(lang, 'policy.compareWith')}</a>
      </p>`,
  });
}

const appliesQuery = z.object({
  mechanism: z.enum(MECHANISMS),
  date: isoDateSchema,
  city: z.string().trim().max(64).optional(),
  province: z.string().trim().max(64).optional(),
});

function appliesSection(lang: Lang, a: Applicability): Html {
  return html`<section aria-labelledby="h-applies" class="selection">
    <h2 id="h-applies">${t(lang, 'policy.result')}</h2>
    <p role="status">
      ${
        a.applied
          ? html`${t(lang, 'policy.appliedIs')}
              <a href="/policies/${encodeURIComponent(a.applied)}"><code>${a.applied}</code></a>`
          : html`${t(lang, 'policy.noneApplies')} <span lang="en">${a.error}</span>`
      }
    </p>
    ${a.mechanism === 'ma-loan' ? html`<p class="hint">${t(lang, 'policy.maLoanAssumes')}</p>` : ''}
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'policy.pack')}</th>
          <th scope="col">${t(lang, 'policy.applied')}</th>
          <th scope="col">${t(lang, 'policy.why')}</th>
        </tr>
      </thead>
      <tbody>
        ${a.notes.map(
          (n) =>
            html`<tr class="${n.applied ? 'applied' : ''}">
              <td><code>${n.policy}</code></td>
              <td>${n.applied ? t(lang, 'policy.yes') : t(lang, 'policy.no')}</td>
              <td>
                <ul class="problems">
                  ${n.reasons.map((r) => html`<li lang="en">${r}</li>`)}
                </ul>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function appliesPage(view: ConsoleView, q: Record<string, string>, result: Html | null, issues: Html | null): Html {
  const { lang } = view;
  return auditPage(view, {
    title: t(lang, 'policy.applies'),
    nav: ROUTES.policies.path,
    body: html`<form method="get" action="${ROUTES.policyApplies.path}" class="filters">
        <div class="field">
          <label for="mechanism">${t(lang, 'policy.mechanism')}</label>
          <select id="mechanism" name="mechanism">
            ${mechanismOptions(lang, q.mechanism)}
          </select>
        </div>
        <div class="field">
          <label for="province">${t(lang, 'policy.province')}</label>
          <input id="province" name="province" value="${q.province ?? ''}" />
        </div>
        <div class="field">
          <label for="city">${t(lang, 'policy.city')}</label>
          <input id="city" name="city" value="${q.city ?? ''}" />
        </div>
        <div class="field">
          <label for="date">${t(lang, 'policy.date')}</label>
          <input id="date" name="date" type="date" value="${q.date ?? ''}" />
        </div>
        <button type="submit">${t(lang, 'policy.show')}</button>
      </form>
      ${issues ?? ''} ${result ?? ''}`,
  });
}

function issuesList(issues: Array<{ path: string; message: string }>): Html {
  return html`<ul class="problems" role="alert">
    ${issues.map((i) => html`<li lang="en"><code>${i.path}</code>: ${i.message}</li>`)}
  </ul>`;
}

function diffPage(view: ConsoleView, a: string | undefined, b: string | undefined, body: Html | null): Html {
  const { lang } = view;
  return auditPage(view, {
    title: t(lang, 'policy.diff'),
    nav: ROUTES.policies.path,
    body: html`<form method="get" action="${ROUTES.policyDiff.path}" class="filters">
        <div class="field">
          <label for="a">${t(lang, 'policy.packA')}</label>
          <select id="a" name="a">
            ${packOptions(a)}
          </select>
        </div>
        <div class="field">
          <label for="b">${t(lang, 'policy.packB')}</label>
          <select id="b" name="b">
            ${packOptions(b)}
          </select>
        </div>
        <button type="submit">${t(lang, 'policy.compare')}</button>
      </form>
      ${body ?? ''}`,
  });
}

function diffTable(lang: Lang, a: PolicyPack, b: PolicyPack): Html {
  const rows = packDifferences(a, b);
  return html`<section aria-labelledby="h-diff" class="diff">
    <h2 id="h-diff">${t(lang, 'policy.differences', { n: rows.length, a: packKey(a), b: packKey(b) })}</h2>
    ${a.mechanism !== b.mechanism ? html`<p class="hint">${t(lang, 'policy.otherMechanism')}</p>` : ''}
    <table>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'policy.field')}</th>
          <th scope="col"><code>${packKey(a)}</code></th>
          <th scope="col"><code>${packKey(b)}</code></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr class="${r.a === undefined ? 'only-b' : r.b === undefined ? 'only-a' : 'changed'}">
              <th scope="row"><code>${r.path}</code></th>
              <td><code>${r.a ?? '—'}</code></td>
              <td><code>${r.b ?? '—'}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function packOr404(key: string): PolicyPack {
  try {
    return getPack(key);
  } catch (error) {
    if (error instanceof UnknownPolicyError) throw new HttpError(404, 'not-found', error.message);
    throw error;
  }
}

export function policyPageRoutes(scope: FastifyInstance, _ctx: ConsoleContext): void {
  serve(scope, ROUTES.policies, async (request) => listPage(requirePerson(request)));

  serve(scope, ROUTES.policy, async (request) =>
    packPage(requirePerson(request), packOr404((request.params as { key: string }).key)),
  );

  serve(scope, ROUTES.policyApplies, async (request, reply) => {
    const view = requirePerson(request);
    const q = (request.query ?? {}) as Record<string, string>;
    if (!q.mechanism) return appliesPage(view, q, null, null);
    const parsed = appliesQuery.safeParse(q);
    const place = { ...(q.city ? { city: q.city } : {}), ...(q.province ? { province: q.province } : {}) };
    const where = jurisdictionSchema().safeParse(place);
    if (!parsed.success || !where.success) {
      void reply.code(400);
      const issues = [
        ...(parsed.success ? [] : zodIssues(parsed.error)),
        ...(where.success ? [] : zodIssues(where.error)),
      ];
      return appliesPage(view, q, null, issuesList(issues));
    }
    try {
      const result = whichPackApplies(parsed.data.mechanism, where.data, parsed.data.date);
      return appliesPage(view, q, appliesSection(view.lang, result), null);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      void reply.code(400);
      return appliesPage(view, q, null, issuesList(error.issues));
    }
  });

  serve(scope, ROUTES.policyDiff, async (request) => {
    const view = requirePerson(request);
    const { a, b } = (request.query ?? {}) as { a?: string; b?: string };
    if (!a || !b) return diffPage(view, a, b, null);
    return diffPage(view, a, b, diffTable(view.lang, packOr404(a), packOr404(b)));
  });
}
