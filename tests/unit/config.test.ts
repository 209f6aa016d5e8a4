// The configuration module (client/config.ts): README's table is the module's list, defaults,
// every kind of bad value named with what it expects, the deprecated TLS names, Temporal profiles
// from a TOML file, and the CLI's exit code 2 for a bad environment.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, configTableMarkdown, DEPRECATED, parseConfig, VARIABLES, type Env } from '../../client/config';
import { temporalSettings } from '../../client/temporal';
import { cli } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The issues parseConfig reports for env, as "VARIABLE: message" lines. */
function issues(env: Env): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.variable}: ${i.message}`);
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('README', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'));
  const table = section.slice(
    section.indexOf('\n| variable |') + 1,
    section.indexOf('\n\n', section.indexOf('\n| variable |')),
  );
  // Split on unescaped pipes; the cells are name, default, description.
  const rows = table
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.replace(/\\\|/g, '|')),
    );

  it("configuration table lists exactly the module's variables, in order", () => {
    expect(rows.map((r) => r[0].replace(/^`|`$/g, ''))).toEqual(VARIABLES.map((v) => v.name));
  });

  it('gives every variable the default and description the module gives it', () => {
    expect(
      rows.map(([name, def, description]) => ({ name: name.replace(/^`|`$/g, ''), default: def, description })),
    ).toEqual(VARIABLES.map((v) => ({ name: v.name, default: v.default, description: v.description })));
  });

  it('is the table the module renders (run scripts/config-table.ts to rewrite it)', () => {
    expect(table).toBe(configTableMarkdown());
  });
});

describe('defaults', () => {
  it('applies every default when nothing is set', () => {
    const c = parseConfig({});
    expect(c.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', addressFrom: null, profile: {} });
    expect(c.database).toEqual({ url: undefined, poolSize: 10, dataDir: path.resolve('.transferflow', 'pglite') });
    expect(c.stateDir).toBe(path.resolve('.transferflow'));
    expect(c.evidenceDir).toBe(path.resolve('.transferflow', 'evidence'));
    expect(c.api).toEqual({ host: '127.0.0.1', port: 3000, keys: undefined, keysFile: undefined });
    expect(c.worker).toEqual({ workflowCache: 1000, logLevel: 'WARN' });
    expect(c.devServer).toEqual({
      port: 7233,
      uiPort: 8233,
      uiWritable: false,
      cliPath: undefined,
      testServerPath: undefined,
    });
    expect(c.cli).toEqual({ apiUrl: 'http://127.0.0.1:3000', apiKey: undefined, actor: undefined });
    expect(c.warnings).toEqual([]);
    expect(temporalSettings(c)).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      apiKey: undefined,
      tls: undefined,
      metadata: undefined,
    });
  });

  it('reads set values, treats an empty variable as unset, and freezes the result', () => {
    const c = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_POOL_SIZE: '25',
      TRANSFERFLOW_LOG_LEVEL: 'debug',
      TRANSFERFLOW_WORKFLOW_CACHE: '0',
      TRANSFERFLOW_STATE_DIR: '/srv/tf',
      TRANSFERFLOW_API_URL: 'https://tf.example/',
      TRANSFERFLOW_TEMPORAL_PORT: '',
    });
    expect(c.api.port).toBe(8080);
    expect(c.api.host).toBe('0.0.0.0');
    expect(c.database.poolSize).toBe(25);
    expect(c.worker).toEqual({ workflowCache: 0, logLevel: 'DEBUG' });
    expect(c.evidenceDir).toBe('/srv/tf/evidence');
    expect(c.cli.apiUrl).toBe('https://tf.example');
    expect(c.devServer.port).toBe(7233);
    expect(Object.isFrozen(c) && Object.isFrozen(c.api) && Object.isFrozen(c.temporal.profile)).toBe(true);
    expect(() => {
      (c.api as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('bad values', () => {
  const cases: Array<[Env, string]> = [
    [{ PORT: 'abc' }, 'PORT: expected an integer 0–65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT: expected an integer 0–65535, got "70000"'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE: expected an integer 1–1000, got "0"'],
    [{ TRANSFERFLOW_WORKFLOW_CACHE: '-1' }, 'TRANSFERFLOW_WORKFLOW_CACHE: expected an integer ≥ 0, got "-1"'],
    [{ TRANSFERFLOW_TEMPORAL_UI_PORT: '1.5' }, 'TRANSFERFLOW_TEMPORAL_UI_PORT: expected an integer 1–65535, got "1.5"'],
    [
      { TRANSFERFLOW_LOG_LEVEL: 'LOUD' },
      'TRANSFERFLOW_LOG_LEVEL: expected one of TRACE, DEBUG, INFO, WARN, ERROR, got "LOUD"',
    ],
    [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS: expected true, false, 1 or 0, got "yes"'],
    [
      { TEMPORAL_ADDRESS: 'localhost' },
      'TEMPORAL_ADDRESS: expected host:port, e.g. 127.0.0.1:7233 or my-ns.a1b2c.tmprl.cloud:7233, got "localhost"',
    ],
    [
      { TRANSFERFLOW_API_URL: 'ftp://host' },
      'TRANSFERFLOW_API_URL: expected a http:// or https:// URL, e.g. http://127.0.0.1:3000, got "ftp://host"',
    ],
    [
      {
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/nonexistent/client.key',
      },
      'TEMPORAL_TLS_CLIENT_CERT_PATH: expected the path of a readable file, got "/nonexistent/client.pem"',
    ],
    [
      { TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml' },
      'TEMPORAL_CONFIG_FILE: expected the path of a readable file, got "/nonexistent/temporal.toml"',
    ],
    [
      { TRANSFERFLOW_API_KEYS_FILE: '/nonexistent/keys.json' },
      'TRANSFERFLOW_API_KEYS_FILE: expected the path of a readable file, got "/nonexistent/keys.json"',
    ],
  ];
  it.each(cases)('%j is refused naming the variable and what it expects', (env, message) => {
    expect(issues(env)).toContain(message);
  });

  it('never echoes a secret', () => {
    const found = issues({ DATABASE_URL: 'mysql://app:hunter2@db/tf', TRANSFERFLOW_API_KEYS: '[{"key":"tf_live_x"' });
    expect(found).toEqual([
      'DATABASE_URL: expected a postgres:// or postgresql:// URL, e.g. postgresql://user:pass@host:5432/transferflow, got a value not shown here (it is a secret)',
      'TRANSFERFLOW_API_KEYS: expected JSON: [{"name","role","key"}, …], got a value not shown here (it is a secret)',
    ]);
    expect(found.join('\n')).not.toMatch(/hunter2|tf_live_x/);
  });

  it('lists every bad variable in one error', () => {
    expect(() =>
      parseConfig({
        PORT: 'abc',
        DATABASE_POOL_SIZE: '0',
        TRANSFERFLOW_LOG_LEVEL: 'LOUD',
        TEMPORAL_PROFILE: 'missing',
      }),
    ).toThrow(
      new ConfigError([
        { variable: 'DATABASE_POOL_SIZE', message: 'expected an integer 1–1000, got "0"' },
        { variable: 'PORT', message: 'expected an integer 0–65535, got "abc"' },
        { variable: 'TRANSFERFLOW_LOG_LEVEL', message: 'expected one of TRACE, DEBUG, INFO, WARN, ERROR, got "LOUD"' },
        {
          variable: 'TEMPORAL_PROFILE',
          message: 'expected a profile defined in a config file (none found), got "missing"',
        },
      ]),
    );
  });

  it('refuses a client certificate without its key, a profile not in the file, and a file that is not TOML', () => {
    const cert = file('only.pem', 'CERT');
    expect(issues({ TEMPORAL_TLS_CLIENT_CERT_PATH: cert })).toEqual([
      'TEMPORAL_TLS_CLIENT_KEY_PATH: expected both a client certificate and its key for mTLS, got only the certificate',
    ]);
    const toml = file('profiles.toml', '[profile.default]\naddress = "a.example:7233"\n');
    expect(issues({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' })).toEqual([
      `TEMPORAL_PROFILE: expected a profile defined in ${toml}, got "prod"`,
    ]);
    const broken = file('broken.toml', 'this is = = not toml');
    expect(issues({ TEMPORAL_CONFIG_FILE: broken })[0]).toMatch(
      new RegExp(`^TEMPORAL_CONFIG_FILE: expected a TOML file of \\[profile.<name>\\] tables, got "${broken}" \\(`),
    );
    const badAddress = file('bad-address.toml', '[profile.default]\naddress = "no-port"\n');
    expect(issues({ TEMPORAL_CONFIG_FILE: badAddress })).toEqual([
      'TEMPORAL_CONFIG_FILE: profile "default" address: expected host:port, got "no-port"',
    ]);
  });
});

describe('Temporal through @temporalio/envconfig', () => {
  it('uses the TEMPORAL_PROFILE of the TOML file TEMPORAL_CONFIG_FILE names, variables over its fields', () => {
    const ca = file('ca.pem', 'CA CERT');
    const toml = file(
      'temporal.toml',
      `[profile.default]\naddress = "127.0.0.1:7233"\n\n[profile.prod]\naddress = "prod.a1b2c.tmprl.cloud:7233"\nnamespace = "prod.a1b2c"\napi_key = "from-file"\n[profile.prod.tls]\nserver_ca_cert_path = "${ca}"\nserver_name = "prod.internal"\n`,
    );
    const c = parseConfig({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' });
    expect(c.temporal.address).toBe('prod.a1b2c.tmprl.cloud:7233');
    expect(c.temporal.namespace).toBe('prod.a1b2c');
    // An address from the profile counts as configured: `transferflow dev` starts no server of its own.
    expect(c.temporal.addressFrom).toBe(`profile "prod" in ${toml}`);
    const s = temporalSettings(c);
    expect(s.apiKey).toBe('from-file');
    expect(s.tls).toMatchObject({
      serverNameOverride: 'prod.internal',
      serverRootCACertificate: Buffer.from('CA CERT'),
    });

    const overridden = parseConfig({
      TEMPORAL_CONFIG_FILE: toml,
      TEMPORAL_PROFILE: 'prod',
      TEMPORAL_NAMESPACE: 'staging',
      TEMPORAL_ADDRESS: 'staging.example:7233',
    });
    expect(overridden.temporal).toMatchObject({
      address: 'staging.example:7233',
      namespace: 'staging',
      addressFrom: 'TEMPORAL_ADDRESS',
    });
    expect(temporalSettings(overridden).apiKey).toBe('from-file');
  });

  it('uses the default profile of the file when TEMPORAL_PROFILE is unset', () => {
    const toml = file('default-only.toml', '[profile.default]\nnamespace = "team"\n');
    const c = parseConfig({ TEMPORAL_CONFIG_FILE: toml });
    // No address anywhere: still the embedded server's address, and not "configured".
    expect(c.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'team', addressFrom: null });
  });

  it('turns TLS on for TEMPORAL_API_KEY, unless TEMPORAL_TLS=false', () => {
    expect(temporalSettings(parseConfig({ TEMPORAL_API_KEY: 'k' }))).toMatchObject({ apiKey: 'k', tls: true });
    expect(temporalSettings(parseConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).tls).toBe(false);
    expect(temporalSettings(parseConfig({ TEMPORAL_TLS: 'true' })).tls).toEqual({});
  });

  it('reads an mTLS pair from the standard variables and sends TEMPORAL_GRPC_META_* headers', () => {
    const cert = file('client.pem', 'CLIENT CERT');
    const key = file('client.key', 'CLIENT KEY');
    const s = temporalSettings(
      parseConfig({
        TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
        TEMPORAL_TLS_CLIENT_KEY_PATH: key,
        TEMPORAL_GRPC_META_X_TENANT: 'acme',
      }),
    );
    expect(s.tls).toMatchObject({
      clientCertPair: { crt: Buffer.from('CLIENT CERT'), key: Buffer.from('CLIENT KEY') },
    });
    expect(s.metadata).toEqual({ 'x-tenant': 'acme' });
  });
});

describe('deprecated TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY', () => {
  it('still give the mTLS pair, with a warning naming the new variables', () => {
    const cert = file('old.pem', 'OLD CERT');
    const key = file('old.key', 'OLD KEY');
    const c = parseConfig({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key });
    expect(temporalSettings(c).tls).toMatchObject({
      clientCertPair: { crt: Buffer.from('OLD CERT'), key: Buffer.from('OLD KEY') },
    });
    expect(c.warnings).toEqual([
      'TEMPORAL_TLS_CERT is deprecated and will be removed in the next release: set TEMPORAL_TLS_CLIENT_CERT_PATH instead',
      'TEMPORAL_TLS_KEY is deprecated and will be removed in the next release: set TEMPORAL_TLS_CLIENT_KEY_PATH instead',
    ]);
    expect(Object.keys(DEPRECATED)).toEqual(['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY']);
  });

  it('yield to the new names when both are set', () => {
    const oldCert = file('old2.pem', 'OLD CERT');
    const newCert = file('new.pem', 'NEW CERT');
    const key = file('new.key', 'NEW KEY');
    const c = parseConfig({
      TEMPORAL_TLS_CERT: oldCert,
      TEMPORAL_TLS_CLIENT_CERT_PATH: newCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
    });
    expect(temporalSettings(c).tls).toMatchObject({ clientCertPair: { crt: Buffer.from('NEW CERT') } });
    expect(c.warnings).toEqual([
      'TEMPORAL_TLS_CERT is deprecated and ignored because TEMPORAL_TLS_CLIENT_CERT_PATH is set; remove TEMPORAL_TLS_CERT',
    ]);
  });
});

describe('the command line', () => {
  // The child inherits this machine's environment; Temporal settings are pinned so that no
  // profile file of the machine's user can change what these commands see.
  const base = {
    TEMPORAL_ADDRESS: '',
    TEMPORAL_PROFILE: '',
    TEMPORAL_CONFIG_FILE: file('none.toml', '[profile.default]\n'),
    DATABASE_URL: '',
  };

  it('prints a deprecation warning once and carries on', async () => {
    const r = await cli(['policies', 'list', '--json'], {
      ...base,
      TEMPORAL_TLS_CERT: file('cli.pem', 'C'),
      TEMPORAL_TLS_KEY: file('cli.key', 'K'),
    });
    expect(r.code).toBe(0);
    expect(r.stderr.split('TEMPORAL_TLS_CERT is deprecated').length - 1).toBe(1);
    expect(r.stderr).toContain('set TEMPORAL_TLS_CLIENT_CERT_PATH instead');
  });

  it('exits 2 with every bad variable named, before any command runs', async () => {
    const r = await cli(['policies', 'list'], { ...base, PORT: 'abc', TRANSFERFLOW_LOG_LEVEL: 'LOUD' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('PORT: expected an integer 0–65535, got "abc"');
    expect(r.stderr).toContain('TRANSFERFLOW_LOG_LEVEL: expected one of TRACE, DEBUG, INFO, WARN, ERROR, got "LOUD"');
  });

  it('makes `transferflow dev` (npm start) fail at start-up, starting nothing', async () => {
    const state = path.join(dir, 'state');
    const r = await cli(['dev'], { ...base, DATABASE_POOL_SIZE: '0', TRANSFERFLOW_STATE_DIR: state });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DATABASE_POOL_SIZE: expected an integer 1–1000, got "0"');
    expect(r.stderr).not.toContain('starting the Temporal dev server');
  });
});
