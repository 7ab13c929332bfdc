/**
 * Plan diff benchmark: `unifiedDiff` (shared/plan/diff.ts) on config files of the sizes
 * ClusterDeck writes: keepalived.conf (golden fixtures, a 10-node cluster), nginx and Apache
 * vhosts, /etc/exports, and a 2,000-line file with scattered edits or rewritten. Prints the median time
 * per diff, the diff's size, and whether it is the diff GNU `diff -u` writes. It is not a
 * timed test.
 *
 *   npx tsx electron/core/bench/plan-diff.ts [--baseline REV] [--samples 15]
 *
 * `--baseline REV` also runs shared/plan/diff.ts as it was at git revision REV (for instance
 * the hand-written LCS that jsdiff replaced: `git log --oneline -- shared/plan/diff.ts`).
 * Compare the columns of one run as ratios; absolute times depend on the machine and its load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LB_PATHS, PATHS, vhostPath } from '../../../shared/base/remote-paths';
import { renderVhost } from '../../../shared/lb/plan-vhosts';
import { unifiedDiff } from '../../../shared/plan/diff';
import { exportsFile } from '../../../shared/plan/files';

type Diff = typeof unifiedDiff;

interface Case {
  name: string;
  path: string;
  before: string | null;
  after: string;
}

const root = resolve(__dirname, '../../..');
const KEEPALIVED = join(root, 'shared/lb/__golden__/keepalived');

function golden(name: string): string {
  return readFileSync(join(KEEPALIVED, `${name}.conf`), 'utf8');
}

/** A small deterministic generator, so every run diffs the same texts. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** keepalived.conf as ClusterDeck writes it, for `services` ports on `nodes` nodes. */
function keepalivedConf(services: number, nodes: number, weightOf: (node: number) => number) {
  const out = ['# Managed by ClusterDeck (cluster big). Changes are overwritten.', ''];
  out.push('global_defs {', '    router_id clusterdeck-big', '}', '');
  for (let s = 0; s < services; s++) {
    const port = 8000 + s;
    out.push(`# service s${s} "S${s}": tcp 10.10.0.100:${port}, DR, wlc`);
    out.push(`virtual_server 10.10.0.100 ${port} {`);
    out.push('    delay_loop 2', '    lb_algo wlc', '    lb_kind DR', '    protocol TCP');
    for (let n = 1; n <= nodes; n++) {
      out.push('', `    # host node${n}`, `    real_server 10.10.0.${10 + n} ${port} {`);
      out.push(
        `        weight ${weightOf(n)}`,
        '        TCP_CHECK {',
        '            connect_timeout 1',
      );
      out.push('            retry 1', '            delay_before_retry 1', '        }', '    }');
    }
    out.push('}', '');
  }
  return `${out.join('\n')}\n`;
}

/** An admin's own keepalived.conf, in another style, that ClusterDeck's first apply replaces. */
function adminKeepalivedConf(): string {
  const out = ['! Configuration File for keepalived', 'global_defs {', '   notification_email {'];
  out.push('     admin@example.org', '   }', '   router_id LVS_MAIN', '}');
  for (let s = 0; s < 12; s++) {
    out.push(`virtual_server 192.168.1.${100 + s} 80 {`, '   delay_loop 6', '   lb_algo rr');
    out.push('   lb_kind NAT', '   persistence_timeout 50', '   protocol TCP');
    for (let n = 1; n <= 3; n++) {
      out.push(`   real_server 192.168.2.${n} 80 {`, '       weight 1', '       HTTP_GET {');
      out.push('           url {', '             path /', '             status_code 200');
      out.push('           }', '           connect_timeout 3', '       }', '   }');
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

/** 2,000 lines of config-like text and a copy with `edits` scattered changes. */
function scattered(lines: number, edits: number): { before: string; after: string } {
  const next = rng(7);
  const keys = ['listen', 'server_name', 'root', 'index', 'location', 'proxy_pass', 'include'];
  const a = Array.from({ length: lines }, (_, i) =>
    i % 25 === 0 ? '' : `    ${keys[i % keys.length] ?? 'x'} value-${i};`,
  );
  const b = [...a];
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * b.length);
    const r = next();
    if (r < 0.4) b[at] = `    changed-${k} value;`;
    else if (r < 0.7) b.splice(at, 0, `    added-${k} value;`, `    added-${k}b value;`);
    else b.splice(at, 1);
  }
  return { before: `${a.join('\n')}\n`, after: `${b.join('\n')}\n` };
}

function cases(): Case[] {
  const presets = golden('hosting-presets');
  const drained = presets.replace(
    /(# host h-node2\n {4}real_server [^\n]*\n {8}weight )\d+/g,
    (_, head: string) => `${head}0`,
  );
  const left = presets.replace(/\n {4}# host h-node2\n {4}real_server[\s\S]*?\n {4}\}\n/g, '\n');
  const web = (domain: string) => ({
    name: 'web1',
    uid: 2001,
    gid: 2001,
    quotaMiB: 500,
    domain,
  });
  const big = (drain: number) => keepalivedConf(30, 10, (n) => (n === drain ? 0 : 1));
  const clients = ['10.20.0.11', '10.20.0.12', '10.20.0.13'];
  const file2k = scattered(2000, 20);
  const K = LB_PATHS.keepalivedConf;
  return [
    {
      name: 'keepalived: scheduler rr -> wlc',
      path: K,
      before: golden('scheduler-rr'),
      after: golden('scheduler-wlc'),
    },
    {
      name: 'keepalived: method NAT -> DR',
      path: K,
      before: golden('method-nat'),
      after: golden('method-dr'),
    },
    { name: 'keepalived: drain node2 (presets)', path: K, before: presets, after: drained },
    { name: 'keepalived: node2 leaves (presets)', path: K, before: presets, after: left },
    { name: 'keepalived: new file (presets)', path: K, before: null, after: presets },
    { name: 'keepalived: 30 svc x 10 nodes, drain', path: K, before: big(0), after: big(7) },
    {
      name: "keepalived: admin's file replaced",
      path: K,
      before: adminKeepalivedConf(),
      after: presets,
    },
    {
      name: 'nginx vhost: domain changed',
      path: vhostPath('nginx', 'web1'),
      before: renderVhost('nginx', 'lab', web('web1.example')),
      after: renderVhost('nginx', 'lab', web('www1.example')),
    },
    {
      name: 'apache vhost: new file',
      path: vhostPath('apache', 'web1'),
      before: null,
      after: renderVhost('apache', 'lab', web('web1.example')),
    },
    {
      name: 'exports: a node added',
      path: PATHS.exports,
      before: exportsFile('lab', '/chroot/home', clients.slice(0, 2)),
      after: exportsFile('lab', '/chroot/home', clients),
    },
    { name: '2,000 lines, 20 scattered edits', path: '/etc/big.conf', ...file2k },
    {
      name: '2,000 lines, all rewritten',
      path: '/etc/big.conf',
      before: file2k.before,
      after: file2k.before.replace(/value-/g, 'other-'),
    },
  ];
}

/** GNU diff's unified diff of the same texts, with the same headers. */
function gnuDiff(c: Case, work: string): string | null {
  const a = join(work, 'a');
  const b = join(work, 'b');
  writeFileSync(a, c.before ?? '');
  writeFileSync(b, c.after);
  const rel = c.path.replace(/^\/+/, '');
  const labels = ['--label', c.before === null ? '/dev/null' : `a/${rel}`, '--label', `b/${rel}`];
  const r = spawnSync('diff', ['-u', ...labels, a, b], { encoding: 'utf8' });
  return r.status === 1 ? r.stdout : null;
}

/** Median microseconds per call, over `samples` batches of at least ~5 ms each. */
function time(fn: Diff, c: Case, samples: number): number {
  const run = () => fn(c.path, c.before, c.after);
  for (let i = 0; i < 3; i++) run();
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) run();
    if (performance.now() - t >= 5) break;
    batch *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) run();
    perCall.push(((performance.now() - t) * 1000) / batch);
  }
  perCall.sort((x, y) => x - y);
  return perCall[Math.floor(perCall.length / 2)] ?? 0;
}

/** `unifiedDiff` as it was at a git revision, loaded from a copy inside node_modules/.cache. */
async function diffAt(rev: string): Promise<Diff> {
  const text = execFileSync('git', ['show', `${rev}:shared/plan/diff.ts`], {
    cwd: root,
    encoding: 'utf8',
  });
  // Inside the repository, so its imports (such as 'diff') resolve from node_modules.
  const dir = join(root, 'node_modules/.cache/clusterdeck-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `diff-${rev.replace(/[^\w.-]/g, '_')}.ts`);
  writeFileSync(file, text);
  const mod = (await import(pathToFileURL(file).href)) as { unifiedDiff: Diff };
  return mod.unifiedDiff;
}

function parseArgs(argv: string[]): { baseline: string | null; samples: number } {
  const args = { baseline: null as string | null, samples: 15 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value = ''] = [argv[i], argv[i + 1]];
    if (flag === '--baseline') args.baseline = value;
    else if (flag === '--samples') args.samples = Number(value);
    else throw new Error(`unknown option ${String(flag)} (use --baseline REV, --samples N)`);
  }
  return args;
}

function lineCount(text: string | null): number {
  return text === null || text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const impls: [string, Diff][] = [['current', unifiedDiff]];
  if (args.baseline !== null) impls.push([args.baseline, await diffAt(args.baseline)]);
  const work = mkdtempSync(join(tmpdir(), 'cd-diff-bench-'));
  try {
    const rows = cases().map((c) => {
      const gnu = gnuDiff(c, work);
      const row: Record<string, string | number> = {
        case: c.name,
        lines: `${lineCount(c.before)} -> ${lineCount(c.after)}`,
        'GNU diff lines': lineCount(gnu),
      };
      for (const [label, fn] of impls) {
        const out = fn(c.path, c.before, c.after);
        row[`${label} µs`] = Number(time(fn, c, args.samples).toFixed(1));
        row[`${label} lines`] = lineCount(out);
        row[`${label} = GNU`] = out === gnu ? 'yes' : 'no';
      }
      return row;
    });
    console.table(rows);
    console.log(`median of ${args.samples} batches per cell; Node ${process.version}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
