import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMIT, PROVIDED, VARIABLES, config, configProblems, parseConfig, setting } from './config';
import { DEFAULT_RULES, parseRateLimits } from './rate-limit';

const TOKEN = 'editor-token-0123456789';

/** The README's Configuration table: variable → default, one variable per row. */
function readmeTable(): { rows: Map<string, string>; problems: string[] } {
  const readme = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Configuration\n');
  expect(start, 'README.md has a "## Configuration" section').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  const lines = readme.slice(start, end < 0 ? undefined : end).split('\n').filter((l) => l.startsWith('|'));
  const rows = new Map<string, string>();
  const problems: string[] = [];
  // The first two lines are the header and the |---| rule.
  for (const line of lines.slice(2)) {
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    const names = [...(cells[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]);
    if (cells.length !== 3 || names.length !== 1) problems.push(`not one variable, meaning and default: ${line}`);
    else if (rows.has(names[0])) problems.push(`${names[0]} is in the table twice`);
    else rows.set(names[0], cells[2]);
  }
  return { rows, problems };
}

describe('the README Configuration table', () => {
  const { rows, problems } = readmeTable();

  it('has one variable per row', () => {
    expect(problems).toEqual([]);
    expect(rows.size).toBeGreaterThan(0);
  });

  it('lists every declared variable, and only those', () => {
    const declared = Object.keys(VARIABLES).sort();
    expect([...rows.keys()].sort()).toEqual(declared);
  });

  it('states the declared defaults', () => {
    const wrong = [...rows].filter(([name, d]) => name in VARIABLES && VARIABLES[name as keyof typeof VARIABLES].default !== d);
    expect(wrong.map(([name, d]) => `${name}: table says ${d}, schema says ${VARIABLES[name as keyof typeof VARIABLES].default}`)).toEqual([]);
  });

  it('leaves out what the platform sets', () => {
    for (const name of Object.keys(PROVIDED)) expect(rows.has(name), name).toBe(false);
  });
});

describe('declarations', () => {
  it('give every variable a meaning and a default', () => {
    for (const [name, v] of Object.entries(VARIABLES)) {
      expect(v.meaning.trim(), name).not.toBe('');
      expect(v.default.trim(), name).not.toBe('');
    }
  });

  it('state the defaults the parsers use', () => {
    const c = parseConfig({});
    expect(VARIABLES.FARVIEW_SESSION_HOURS.default).toBe(`\`${c.FARVIEW_SESSION_HOURS}\``);
    expect(VARIABLES.PORT.default).toBe(`\`${c.PORT}\``);
    expect(VARIABLES.FARVIEW_DATA_DIR.default).toBe(`\`./${c.FARVIEW_DATA_DIR}\``);
    expect(parseRateLimits(DEFAULT_RATE_LIMIT)).toEqual(c.FARVIEW_RATE_LIMIT);
    expect(c.FARVIEW_RATE_LIMIT).toEqual(DEFAULT_RULES);
    expect(c.FARVIEW_READ_ONLY).toBe(false);
    expect(c.FARVIEW_PUBLIC_URL).toBeUndefined();
    expect(c.FARVIEW_AUTH_TOKENS).toBeNull();
  });
});

describe('parseConfig', () => {
  it('types the values', () => {
    const c = parseConfig({
      PORT: ' 8080 ',
      FARVIEW_READ_ONLY: 'yes please',
      FARVIEW_PUBLIC_URL: 'https://Farview.Example.com:8443/',
      FARVIEW_AUTH_TOKENS: `alice:editor:${TOKEN}`,
      FARVIEW_EDITOR_GROUPS: 'ops, sre',
      FARVIEW_TRUST_PROXY: 'on',
      FARVIEW_RATE_LIMIT: 'off',
      DATABASE_URL: ' postgres://u:p@db/farview ',
    });
    expect(c.PORT).toBe(8080);
    expect(c.FARVIEW_READ_ONLY).toBe(true);
    expect(c.FARVIEW_PUBLIC_URL).toEqual({ origin: 'https://farview.example.com:8443', host: 'farview.example.com:8443' });
    expect(c.FARVIEW_AUTH_TOKENS?.map((t) => [t.name, t.role])).toEqual([['alice', 'editor']]);
    expect([...c.FARVIEW_EDITOR_GROUPS]).toEqual(['ops', 'sre']);
    expect(c.FARVIEW_TRUST_PROXY).toBe(true);
    expect(c.FARVIEW_RATE_LIMIT).toBeNull();
    expect(c.DATABASE_URL).toBe('postgres://u:p@db/farview');
  });

  it('treats blank values as unset', () => {
    const c = parseConfig({ PORT: '', DATABASE_URL: ' ', AWS_ENDPOINT_URL_EKS: '', FARVIEW_PUBLIC_URL: '', FARVIEW_SESSION_HOURS: '' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.AWS_ENDPOINT_URL_EKS).toBeUndefined();
    expect(c.FARVIEW_SESSION_HOURS).toBe(12);
  });

  it('ignores variables it does not declare', () => {
    expect(() => parseConfig({ SOMETHING_ELSE: '%%%', FARVIEW_UNKNOWN: 'x' })).not.toThrow();
  });
});

describe('bad values', () => {
  const cases: [Record<string, string>, string][] = [
    [{ FARVIEW_SESSION_HOURS: '0' }, 'farview: FARVIEW_SESSION_HOURS: must be a number of hours above 0 and at most 720'],
    [{ FARVIEW_SESSION_SECRET: 'short' }, 'farview: FARVIEW_SESSION_SECRET: must be at least 32 characters (e.g. openssl rand -hex 32)'],
    [{ FARVIEW_AUTH_TOKENS: 'alice:root:x' }, 'farview: FARVIEW_AUTH_TOKENS: entry 1 (alice): role must be editor or viewer, not "root"'],
    [{ FARVIEW_AUTH_TOKENS: `a:editor:${TOKEN}`, FARVIEW_AUTH_TOKENS_FILE: '/run/tokens' }, 'farview: FARVIEW_AUTH_TOKENS_FILE: set FARVIEW_AUTH_TOKENS or FARVIEW_AUTH_TOKENS_FILE, not both'],
    [{ FARVIEW_TRUST_PROXY_HEADERS: 'Cookie' }, 'farview: FARVIEW_TRUST_PROXY_HEADERS: cookie cannot carry an identity'],
    [{ FARVIEW_RATE_LIMIT: 'writes=10/min' }, 'farview: FARVIEW_RATE_LIMIT: "writes=10/min" is not name=N/min (names: write, compute, report, signin; units: s, min, h), or "off"'],
    [{ DATABASE_URL: 'mysql://u:hunter2@db/x' }, 'farview: DATABASE_URL: must start with postgres:// or postgresql://'],
    [{ PORT: '70000' }, 'farview: PORT: must be a port number from 1 to 65535'],
    [{ PORT: 'http' }, 'farview: PORT: must be a port number from 1 to 65535'],
    [{ AWS_ENDPOINT_URL_EKS: 'localhost:4566' }, 'farview: AWS_ENDPOINT_URL_EKS: must be an http:// or https:// URL'],
    [{ FARVIEW_PUBLIC_URL: 'farview.example.com' }, 'farview: FARVIEW_PUBLIC_URL: "farview.example.com" is not a URL (e.g. https://farview.example.com)'],
    [{ FARVIEW_PUBLIC_URL: 'ftp://farview.example.com' }, 'farview: FARVIEW_PUBLIC_URL: must start with https:// or http://, not ftp:'],
    [{ FARVIEW_PUBLIC_URL: 'https://farview.example.com/app' }, 'farview: FARVIEW_PUBLIC_URL: must be a bare origin such as https://farview.example.com, without a path, query or credentials'],
  ];

  it.each(cases)('%o gives one line naming the variable', (env, line) => {
    expect(configProblems(env)).toEqual([line]);
    expect(() => parseConfig(env)).toThrow(ConfigError);
  });

  it('never echoes a secret', () => {
    const lines = configProblems({ DATABASE_URL: 'mysql://u:hunter2@db/x', FARVIEW_AUTH_TOKENS: 'alice:root:hunter2-hunter2-hunter2', FARVIEW_SESSION_SECRET: 'hunter2' });
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).not.toContain('hunter2');
  });

  it('lists every bad variable, one line each', () => {
    const e = (() => {
      try {
        parseConfig({ PORT: 'x', FARVIEW_SESSION_HOURS: '-1' });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error('parseConfig accepted bad values');
    })();
    expect(e.problems.map((p) => p.variable)).toEqual(['PORT', 'FARVIEW_SESSION_HOURS']);
    expect(e.message.split('\n')).toHaveLength(2);
  });

  it('setting() checks one variable and names it', () => {
    expect(setting({ FARVIEW_SESSION_HOURS: '2' }, 'FARVIEW_SESSION_HOURS')).toBe(2);
    expect(setting({ PORT: 'x' }, 'FARVIEW_SESSION_HOURS')).toBe(12);
    expect(() => setting({ PORT: 'x' }, 'PORT')).toThrow(expect.objectContaining({ variable: 'PORT', why: 'must be a port number from 1 to 65535' }));
  });
});

describe('at start', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('farview.config.v1')];
    vi.restoreAllMocks();
  });

  it('instrumentation stops the server with one line naming the variable', async () => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('farview.config.v1')];
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', FARVIEW_SESSION_HOURS: 'forever' });
    delete process.env.NEXT_PHASE;
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const { register } = await import('../../instrumentation');
    await expect(register()).rejects.toThrow('exit 1');
    expect(errors).toEqual(['farview: FARVIEW_SESSION_HOURS: must be a number of hours above 0 and at most 720']);
  });

  it('config() parses process.env once', () => {
    process.env.FARVIEW_SESSION_HOURS = '3';
    const first = config();
    process.env.FARVIEW_SESSION_HOURS = '4';
    expect(config()).toBe(first);
    expect(first.FARVIEW_SESSION_HOURS).toBe(3);
  });
});
