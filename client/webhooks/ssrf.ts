// The SSRF guard for webhook URLs: a delivery may only go to an https URL whose host resolves to
// public addresses only — every address is checked, so a name that also resolves into the
// university's network is refused. Checked when an endpoint is registered and again before every
// attempt (DNS can change). Tests may allow plain http to loopback by configuration.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export class UnsafeWebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWebhookUrlError';
  }
}

function check(address: string, allowLoopback: boolean): boolean {
  const v6 = isIP(address) === 6;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = v6 && /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const [addr, family] = mapped ? [mapped[1], 'ipv4' as const] : [address, v6 ? ('ipv6' as const) : ('ipv4' as const)];
  if (allowLoopback && LOOPBACK.check(addr, family)) return true;
  return !PRIVATE.check(addr, family);
}

/** Throws UnsafeWebhookUrlError unless `raw` may receive deliveries; returns the parsed URL. */
export async function assertSafeWebhookUrl(raw: string, options: { allowLoopback: boolean }): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError(`not a URL: ${raw}`);
  }
  if (url.username || url.password) throw new UnsafeWebhookUrlError('a webhook URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const plainLoopbackHttp = options.allowLoopback && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !plainLoopbackHttp)
    throw new UnsafeWebhookUrlError(`a webhook URL must be https: (got ${url.protocol})`);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw new UnsafeWebhookUrlError(`the host ${host} does not resolve`);
  }
  const bad = addresses.filter((a) => !check(a, options.allowLoopback));
  if (bad.length || addresses.length === 0)
    throw new UnsafeWebhookUrlError(
      `the host ${host} resolves to ${bad.join(', ') || 'nothing'}: loopback, private and reserved addresses are refused`,
    );
  if (plainLoopbackHttp && !addresses.every((a) => check(a, true) && !check(a, false)))
    throw new UnsafeWebhookUrlError('plain http is allowed to loopback only');
  return url;
}
