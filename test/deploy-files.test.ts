// The deployment files of the README's "Deploying" section: the Dockerfile (checked statically everywhere, built
// where a container engine answers), the systemd units (`systemd-analyze verify` where it exists), the nginx site.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
const read = (f: string): string => readFileSync(join(root, f), 'utf8');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  steps: Instruction[];
}

/** Dockerfile → stages of instructions (comments dropped, continued lines joined). */
function stages(text: string): Stage[] {
  const out: Stage[] = [];
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const line of joined) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    const upper = op!.toUpperCase();
    if (upper === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!.trim())!;
      out.push({ base: m[1]!, name: m[2] ?? String(out.length), steps: [] });
    } else out.at(-1)!.steps.push({ op: upper, args: args!.trim() });
  }
  return out;
}

/** COPY/ADD → its --from stage (if any), sources and destination. */
function copyOf(step: Instruction): { from: string | null; sources: string[]; dest: string } {
  const words = step.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** .dockerignore patterns (the simple forms this repository uses: names, paths, `*` within one segment). */
function ignoredBy(patterns: string[], path: string): boolean {
  const clean = posix.normalize(path).replace(/\/$/, '');
  return patterns.some((p) => {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
    return re.test(clean) || (!p.includes('/') && clean.split('/').some((seg) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(seg)));
  });
}

describe('Dockerfile', () => {
  const file = stages(read('Dockerfile'));
  const build = file[0]!;
  const run = file.at(-1)!;
  const ignore = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('is multi-stage: a build stage with the dev dependencies, a run stage with production dependencies only', () => {
    expect(file.length).toBeGreaterThanOrEqual(2);
    const npm = (s: Stage) => s.steps.filter((x) => x.op === 'RUN' && /\bnpm (ci|install|i)\b/.test(x.args)).map((x) => x.args);
    expect(npm(build).some((a) => /\bnpm ci\b/.test(a) && !/--omit=dev|--production/.test(a))).toBe(true);
    expect(build.steps.some((x) => x.op === 'RUN' && /npm run build/.test(x.args))).toBe(true);
    expect(npm(run).length).toBeGreaterThan(0);
    for (const a of npm(run)) expect(a).toMatch(/\bnpm ci\b.*--omit=dev/);
    // Nothing installed with dev dependencies crosses into the run stage.
    for (const c of run.steps.filter((x) => x.op === 'COPY').map(copyOf)) {
      if (c.from) expect(c.sources.filter((s) => /node_modules/.test(s))).toEqual([]);
    }
    expect(run.base).toBe(build.base); // the same Node in both
  });

  it('runs as a user that is not root, set before the entry point', () => {
    const users = run.steps.filter((x) => x.op === 'USER').map((x) => x.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const at = (op: string) => run.steps.findIndex((x) => x.op === op);
    expect(run.steps.findLastIndex((x) => x.op === 'USER')).toBeLessThan(at('ENTRYPOINT'));
    expect(run.steps.find((x) => x.op === 'ENTRYPOINT')!.args).toContain('bin/verdict.js');
  });

  it('copies files that exist and that .dockerignore keeps in the context; --from names an earlier stage', () => {
    const names = file.map((s) => s.name);
    for (const [i, stage] of file.entries()) {
      for (const c of stage.steps.filter((x) => x.op === 'COPY' || x.op === 'ADD').map(copyOf)) {
        if (c.from) {
          expect(names.slice(0, i)).toContain(c.from);
          continue;
        }
        for (const src of c.sources) {
          expect(existsSync(join(root, src)), `${src} is copied but missing`).toBe(true);
          expect(ignoredBy(ignore, src), `${src} is copied but .dockerignore drops it`).toBe(false);
        }
      }
    }
  });

  it('the run stage holds everything the package ships (package.json "files")', () => {
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files.filter((f) => !f.startsWith('!') && f !== 'README.md');
    const copied = run.steps.filter((x) => x.op === 'COPY').flatMap((x) => copyOf(x).sources.map((s) => posix.normalize(s).replace(/\/$/, '')));
    for (const f of files) {
      const want = f.replace(/\/$/, '');
      expect(copied.some((s) => s === want || s.endsWith(`/${want}`)), `${f} is not in the image`).toBe(true);
    }
  });

  it('.dockerignore keeps local state and build output out of the context', () => {
    for (const p of ['node_modules', '.git', 'dist', 'verdict.db', 'bench/out']) expect(ignoredBy(ignore, p), p).toBe(true);
  });

  it('the compiled package finds its worker threads: no entry point names a .ts file that dist/ will not hold', () => {
    // `verdict serve` from dist/ (the image, an installed package) starts worker threads by file; a literal
    // './x.ts' there crashes the server at its first analysis (it did, for the piscina pool).
    const listed = spawnSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(listed.length).toBeGreaterThan(50);
    const bad = listed.flatMap((f) =>
      read(f).split('\n').flatMap((line, i) => (/new URL\(\s*['`][^'`]*\.ts['`]/.test(line) && !/endsWith\('\.ts'\)/.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(bad).toEqual([]);
  });

  const docker = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 20_000 });
  const engine = docker.status === 0;
  it.skipIf(!engine)(`builds, and the image runs as a user that is not root${engine ? '' : ' (skipped: no container engine answers `docker info` on this machine)'}`, () => {
    const tag = `verdict-test:${process.pid}`;
    try {
      const b = spawnSync('docker', ['build', '-t', tag, '.'], { cwd: root, encoding: 'utf8', timeout: 900_000 });
      expect(b.status, b.stderr).toBe(0);
      const id = spawnSync('docker', ['run', '--rm', '--entrypoint', 'id', tag, '-u'], { encoding: 'utf8' });
      expect(id.stdout.trim()).not.toBe('0');
      const help = spawnSync('docker', ['run', '--rm', tag, '--help'], { encoding: 'utf8' });
      expect(help.stdout).toMatch(/serve/);
    } finally {
      spawnSync('docker', ['rmi', '-f', tag]);
    }
  }, 900_000);
});

describe('systemd units', () => {
  const units = ['verdict.service', 'verdict-worker@.service'];

  it('run verdict serve and verdict worker --wait as an unprivileged user, from one environment file, restarted on failure', () => {
    for (const u of units) {
      const text = read(`deploy/${u}`);
      expect(text).toMatch(/^DynamicUser=yes$|^User=(?!root$)\S+$/m);
      expect(text).toMatch(/^EnvironmentFile=\/etc\/verdict\/verdict\.env$/m);
      expect(text).toMatch(/^Restart=on-failure$/m);
      expect(text).toMatch(/^WantedBy=multi-user\.target$/m);
    }
    expect(read('deploy/verdict.service')).toMatch(/^ExecStart=\S+\/verdict serve\b/m);
    expect(read('deploy/verdict-worker@.service')).toMatch(/^ExecStart=\S+\/verdict worker --wait .*%i/m);
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!analyze)(`pass systemd-analyze verify${analyze ? '' : ' (skipped: systemd-analyze is not on this machine)'}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-units-'));
    try {
      // verify checks that ExecStart's program exists: point it at a stand-in; every other line is the unit's own.
      const stub = join(dir, 'verdict');
      writeFileSync(stub, '#!/bin/sh\n');
      chmodSync(stub, 0o755);
      const verify = (files: string[]) => {
        const r = spawnSync('systemd-analyze', ['verify', ...files], { cwd: dir, encoding: 'utf8' });
        return { status: r.status, lines: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes(dir) || units.some((u) => l.includes(u.replace('@.', '@')) || l.includes(u))) };
      };
      const paths = units.map((u) => {
        const p = join(dir, u);
        writeFileSync(p, read(`deploy/${u}`).replace(/^(ExecStart=)\/usr\/local\/bin\/verdict /m, `$1${stub} `));
        return p;
      });
      expect(verify(paths)).toEqual({ status: 0, lines: [] });
      // The check can fail: a unit with a bad value is reported.
      const bad = join(dir, 'bad.service');
      writeFileSync(bad, read('deploy/verdict.service').replace(/^(ExecStart=)\/usr\/local\/bin\/verdict /m, `$1${stub} `).replace('Restart=on-failure', 'Restart=sometimes'));
      expect(spawnSync('systemd-analyze', ['verify', bad], { encoding: 'utf8' }).stderr).toMatch(/restart specifier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reverse proxy and environment', () => {
  it('nginx sets X-Forwarded-For to the peer (the server trusts its first address) and lets an 8 MB write through', () => {
    const conf = read('deploy/nginx.conf');
    expect(conf).toMatch(/^\s*upstream verdict \{/m);
    expect(conf).toMatch(/proxy_pass http:\/\/verdict;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).not.toMatch(/^\s*proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for/m);
    expect(Number(/client_max_body_size (\d+)m;/.exec(conf)?.[1])).toBeGreaterThanOrEqual(8);
  });

  it('every setting in deploy/verdict.env is documented in the README', () => {
    const readme = read('README.md');
    const keys = [...read('deploy/verdict.env').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(readme, k).toContain(k);
  });
});
