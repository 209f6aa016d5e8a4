// What every console route needs: what the API's routes have (Temporal, the database, the keys:
// decisions go through the same client functions with the person's Caller), and the people,
// sessions and sign-in throttle of the console.
import type { ApiContext } from '../api/context';
import type { People } from '../people/people';
import type { SessionStore } from '../people/sessions';
import type { LoginThrottle } from '../people/throttle';
import type { OidcLogin } from './oidc';

export interface ConsoleContext extends ApiContext {
  people: People;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** Cookies are sent with Secure: the public URL is https (or the request came over TLS). */
  secureCookies: boolean;
  /** Single sign-on, when an OpenID Connect provider is configured. */
  oidc?: OidcLogin;
}
