// Cookies of the console, read and written here (the cookie packages on npm are ES modules only,
// which jest cannot load): names and values are our own tokens, so no decoding beyond the split.
import type { FastifyReply, FastifyRequest } from 'fastify';

export function readCookies(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

export interface CookieOptions {
  /** Seconds; absent: ends with the browser session. 0 deletes the cookie. */
  maxAge?: number;
  secure: boolean;
}

/** Always Path=/, HttpOnly and SameSite=Lax: no console cookie is for scripts or other sites. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  if (!/^[\w-]+$/.test(name) || !/^[\w-]*$/.test(value)) throw new Error(`cookie ${name} has an unsafe value`);
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  const had = reply.getHeader('set-cookie');
  const list = had === undefined ? [] : Array.isArray(had) ? had.map(String) : [String(had)];
  void reply.header('set-cookie', [...list.filter((c) => !c.startsWith(`${name}=`)), parts.join('; ')]);
}

export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  setCookie(reply, name, '', { maxAge: 0, secure });
}
