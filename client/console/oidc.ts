// Single sign-on through OpenID Connect (authorization code + PKCE, state, nonce).
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface OidcLogin {
  /** Sends the browser to the provider. */
  start(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The provider's answer: the person signed in, or why not. */
  callback(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}
