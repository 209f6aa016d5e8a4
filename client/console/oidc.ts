// Single sign-on through OpenID Connect with openid-client: authorization code with PKCE, state
// and nonce (kept in a short-lived HttpOnly cookie between the two legs). The provider's claims
// are mapped to a person by configuration: the person already linked to this issuer and subject;
// else the person whose e-mail the provider has verified (then linked); else, when the provider's
// groups map to roles (TRANSFERFLOW_OIDC_GROUP_ROLES), a new person with those roles. Nobody
// else signs in: an unknown account is refused with the reason.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type * as OpenIdClient from 'openid-client';
import type { PrismaClient } from '../../prisma/generated/client';
import { importEsm } from '../esm';
import { People, type RoleGrantInput } from '../people/people';
import { clearCookie, setCookie } from './cookies';
import { html } from './html';
import { t } from './i18n';
import { page } from './layout';
import { FOUNDATION_ROUTES } from './routes';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: <public URL>/login/oidc/callback. */
  redirectUri: string;
  /** Provider group → the roles its members get when they sign in the first time. */
  groupRoles: Record<string, RoleGrantInput[]>;
  /** The claim that lists groups (default "groups"). */
  groupsClaim: string;
  /** Plain-http issuer allowed (the tests' provider only). */
  allowHttp?: boolean;
}

export interface OidcLogin {
  /** Sends the browser to the provider. */
  start(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The provider's answer: the person signed in, or why not. */
  callback(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const FLOW_COOKIE = 'tf_oidc';

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

type Claims = Record<string, unknown>;

/** The person these claims belong to, made or linked on the way; null if none may sign in. */
export async function personForClaims(prisma: PrismaClient, settings: OidcSettings, claims: Claims) {
  const issuer = settings.issuer;
  const subject = String(claims.sub);
  const linked = await prisma.person.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } },
  });
  if (linked) return linked;
  const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : null;
  if (email) {
    const byEmail = await prisma.person.findUnique({ where: { email } });
    if (byEmail && !byEmail.oidcSubject)
      return prisma.person.update({ where: { id: byEmail.id }, data: { oidcIssuer: issuer, oidcSubject: subject } });
  }
  const groups = Array.isArray(claims[settings.groupsClaim])
    ? (claims[settings.groupsClaim] as unknown[]).map(String)
    : [];
  const roles = new Map<string, RoleGrantInput>();
  for (const g of groups)
    for (const grant of settings.groupRoles[g] ?? []) if (!roles.has(grant.role)) roles.set(grant.role, grant);
  if (roles.size === 0) return null;
  const base = String(claims.preferred_username ?? email?.split('@')[0] ?? `sso-${subject}`)
    .toLowerCase()
    .replace(/[^a-z0-9._@-]/g, '-')
    .slice(0, 56);
  const taken = await prisma.person.findUnique({ where: { login: base } });
  const made = await new People(prisma).create({
    login: taken ? `${base}-${randomUUID().slice(0, 6)}` : base.length >= 2 ? base : `sso-${base}`,
    name: String(claims.name ?? base),
    ...(email && !(await prisma.person.findUnique({ where: { email } })) ? { email } : {}),
    language: 'zh',
    roles: [...roles.values()],
  });
  return prisma.person.update({ where: { id: made.userId }, data: { oidcIssuer: issuer, oidcSubject: subject } });
}

export function oidcLogin(
  settings: OidcSettings,
  deps: {
    prisma: PrismaClient;
    secureCookies: boolean;
    startSession(
      reply: FastifyReply,
      person: { userId: string; roles: { role: string }[] },
      next: unknown,
    ): Promise<unknown>;
  },
): OidcLogin {
  let configuration: Promise<{ client: typeof OpenIdClient; config: OpenIdClient.Configuration }> | undefined;
  // Discovered on first use, not at start-up: a provider down at start must not stop the console.
  const discover = () =>
    (configuration ??= (async () => {
      const client = await importEsm<typeof OpenIdClient>('openid-client');
      const config = await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      return { client, config };
    })().catch((error) => {
      configuration = undefined;
      throw error;
    }));

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: string) => {
    const view = request.consoleAnonymous;
    void reply
      .code(401)
      .type('text/html; charset=utf-8')
      .send(
        page(view, {
          title: t(view.lang, 'login.title'),
          body: html`<p class="error" role="alert">${reason}</p>
            <p><a href="${FOUNDATION_ROUTES.login.path}">${t(view.lang, 'login.title')}</a></p>`,
        }).text,
      );
  };

  return {
    async start(request, reply) {
      const { client, config } = await discover();
      const flow: Flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next: String((request.query as { next?: unknown }).next ?? '/'),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      setCookie(reply, FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
        secure: deps.secureCookies,
        maxAge: 600,
      });
      void reply.code(303).header('location', url.href).send();
    },

    async callback(request, reply) {
      const { client, config } = await discover();
      const view = request.consoleAnonymous;
      let flow: Flow;
      try {
        flow = JSON.parse(Buffer.from(request.cookies[FLOW_COOKIE] ?? '', 'base64url').toString('utf8')) as Flow;
      } catch {
        return refuse(request, reply, t(view.lang, 'login.ssoFailed', { reason: 'no sign-on in progress' }));
      }
      clearCookie(reply, FLOW_COOKIE, deps.secureCookies);
      let claims: Claims;
      try {
        const current = new URL(request.url, settings.redirectUri);
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims()!;
        // Many providers (oidc-provider among them) put profile and e-mail claims in the userinfo
        // answer only, not in the ID token: both are read, the subject checked to be the same.
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on refused');
        return refuse(request, reply, t(view.lang, 'login.ssoFailed', { reason: (error as Error).message }));
      }
      const person = await personForClaims(deps.prisma, settings, claims);
      if (!person || person.disabled) return refuse(request, reply, t(view.lang, 'login.ssoUnknown'));
      const roles = await deps.prisma.personRole.findMany({ where: { personId: person.id }, orderBy: { role: 'asc' } });
      if (roles.length === 0) return refuse(request, reply, t(view.lang, 'login.noRoles'));
      await deps.startSession(reply, { userId: person.id, roles }, flow.next);
    },
  };
}
