// How CLI commands that act as a person reach the HTTP API: TRANSFERFLOW_API_URL (default
// http://127.0.0.1:3000) with TRANSFERFLOW_API_KEY, so the API's roles apply to them too.
import { InvalidInputError, type InputIssue } from '../issues';
import { ExitError } from './exit-error';
import { config } from '../config';

export function apiUrl(): string {
  return config().cli.apiUrl;
}

export async function apiRequest(
  method: string,
  path: string,
  body?: unknown,
  raw?: { content: Buffer; type: string },
): Promise<unknown> {
  const key = config().cli.apiKey;
  if (!key) throw new ExitError(1, 'set TRANSFERFLOW_API_KEY to your API key (`npm start` prints dev keys)');
  let res: Response;
  try {
    res = await fetch(`${apiUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: raw ? new Uint8Array(raw.content) : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ExitError(
      3,
      `cannot reach the transferflow API at ${apiUrl()} (${(error as Error).message}); start it with \`npm start\` or set TRANSFERFLOW_API_URL`,
    );
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (res.status === 400) throw new InvalidInputError((json?.issues ?? []) as InputIssue[]);
  if (res.status === 503)
    throw new ExitError(3, `the API at ${apiUrl()} cannot reach a server it needs: ${json?.message}`);
  if (res.status >= 400) throw new ExitError(1, `${res.status} ${json?.error ?? ''}: ${json?.message ?? text}`);
  return json;
}
