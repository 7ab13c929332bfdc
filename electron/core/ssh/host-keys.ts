import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerHostKeyAlgorithm } from 'ssh2';

/** A host key as the SSH wire format carries it, plus what OpenSSH shows of it. */
export interface HostKey {
  keyType: string;
  fingerprint: string;
  blob: Buffer;
}

/** What one known_hosts line says about a key. */
export interface KnownHostEntry {
  keyType: string;
  blob: Buffer;
  /** `@revoked` lines; `@cert-authority` lines are dropped when reading. */
  revoked: boolean;
  /** 1-based line number, for messages. */
  line: number;
}

/** A key recorded for a host: trusted in ClusterDeck, or found in a known_hosts file. */
export interface KnownHostKey {
  keyType: string;
  fingerprint: string;
  source: 'clusterdeck' | 'known_hosts';
}

/**
 * The verdict on a presented host key. `changed` means the host is known with other keys and
 * the presented one is none of them, whatever its type; `revoked` means the key is marked
 * `@revoked` and must never be accepted.
 */
export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

/**
 * Judges a presented key (by fingerprint) against the keys that decide for its host. A key of
 * a type not recorded yet is a change, not a first use: otherwise an attacker who cannot forge
 * the known key would only have to offer another type to get an ordinary "Trust?" prompt.
 */
export function judgeHostKey(
  known: readonly Pick<KnownHostKey, 'fingerprint'>[],
  fingerprint: string,
  revoked: boolean,
): HostKeyVerdict {
  if (revoked) return 'revoked';
  if (known.some((k) => k.fingerprint === fingerprint)) return 'trusted';
  return known.length > 0 ? 'changed' : 'unknown';
}

/** ssh2's default host key algorithms (it leaves out ssh-dss too), best first. */
const HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** The key type an algorithm signs with: an `ssh-rsa` key also signs as rsa-sha2-256/512. */
function keyTypeOfAlgorithm(algorithm: ServerHostKeyAlgorithm): string {
  return algorithm.startsWith('rsa-sha2-') ? 'ssh-rsa' : algorithm;
}

/**
 * The host key algorithms to offer when keys of `knownTypes` are recorded for the host: theirs
 * first (in ssh2's order of preference), then the others, so that a server which still has the
 * known key presents it (as OpenSSH does). The others stay on the list so that a server without
 * any known type still shows its key and is refused as changed, not with a bare handshake error.
 * Undefined when no type is known: ssh2's defaults then apply.
 */
export function preferredHostKeyAlgorithms(
  knownTypes: readonly string[],
): ServerHostKeyAlgorithm[] | undefined {
  const known = new Set(knownTypes);
  const first = HOST_KEY_ALGORITHMS.filter((a) => known.has(keyTypeOfAlgorithm(a)));
  if (first.length === 0) return undefined;
  return [...first, ...HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}

/** Reads the key type (the first SSH string) of a public key blob; throws if malformed. */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) throw new Error('public key blob is too short');
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length)
    throw new Error('public key blob is malformed');
  const type = blob.subarray(4, 4 + len).toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(type)) throw new Error('public key blob has an invalid key type');
  return type;
}

/** The SHA256 fingerprint exactly as `ssh-keygen -lf` prints it: `SHA256:` + unpadded base64. */
export function fingerprintSha256(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** Builds a {@link HostKey} from the raw blob the server presented. */
export function hostKeyFromBlob(blob: Buffer): HostKey {
  return { keyType: keyTypeOfBlob(blob), fingerprint: fingerprintSha256(blob), blob };
}

/** The host name as known_hosts writes it: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

/** OpenSSH's glob: `*` any run, `?` any one character, case-insensitive. */
function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

/** Whether a `|1|salt|hmac` field names this host (HMAC-SHA1 keyed by the salt). */
function hashedMatch(field: string, name: string): boolean {
  const parts = field.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const want = Buffer.from(parts[3] ?? '', 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * Whether a host-pattern field (comma list, wildcards, `!` negation, or one hashed name)
 * matches. As in OpenSSH, a matching negated pattern rejects the line whatever else matches.
 */
export function hostPatternMatches(field: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (field.startsWith('|')) return hashedMatch(field, name);
  let matched = false;
  for (const raw of field.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (pattern === '') continue;
    if (globMatch(pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

interface ParsedLine {
  marker: '' | '@revoked' | '@cert-authority';
  hosts: string;
  entry: KnownHostEntry;
}

function parseLine(text: string, line: number): ParsedLine | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const fields = trimmed.split(/\s+/);
  let marker: ParsedLine['marker'] = '';
  if (fields[0]?.startsWith('@')) {
    const m = fields.shift();
    if (m !== '@revoked' && m !== '@cert-authority') return undefined;
    marker = m;
  }
  const [hosts, keyType, b64] = fields;
  if (hosts === undefined || keyType === undefined || b64 === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const blob = Buffer.from(b64, 'base64');
  try {
    // A line whose declared type disagrees with its blob is corrupt; skipping it is safer.
    if (keyTypeOfBlob(blob) !== keyType) return undefined;
  } catch {
    return undefined;
  }
  return { marker, hosts, entry: { keyType, blob, revoked: marker === '@revoked', line } };
}

/** A parsed known_hosts file. */
export class KnownHosts {
  private constructor(private readonly lines: readonly ParsedLine[]) {}

  /** Several files read as one, as OpenSSH reads its UserKnownHostsFile list. */
  static concat(files: readonly KnownHosts[]): KnownHosts {
    return new KnownHosts(files.flatMap((f) => f.lines));
  }

  /** Parses known_hosts text; malformed lines and `@cert-authority` lines are skipped. */
  static parse(text: string): KnownHosts {
    const lines: ParsedLine[] = [];
    text.split(/\r?\n/).forEach((t, i) => {
      const p = parseLine(t, i + 1);
      if (p !== undefined && p.marker !== '@cert-authority') lines.push(p);
    });
    return new KnownHosts(lines);
  }

  /** Every key (revoked ones included, flagged) recorded for this host and port. */
  lookup(host: string, port: number): KnownHostEntry[] {
    return this.lines.filter((l) => hostPatternMatches(l.hosts, host, port)).map((l) => l.entry);
  }

  /** Whether this exact key is revoked. Revocation holds for every host, as the key is bad. */
  isRevoked(blob: Buffer): boolean {
    return this.lines.some((l) => l.entry.revoked && l.entry.blob.equals(blob));
  }

  /** The keys (not revoked ones) recorded for this host and port. */
  knownKeys(host: string, port: number): KnownHostKey[] {
    return this.lookup(host, port)
      .filter((e) => !e.revoked)
      .map((e) => ({
        keyType: e.keyType,
        fingerprint: fingerprintSha256(e.blob),
        source: 'known_hosts',
      }));
  }

  /** The verdict on a key presented by host:port; see {@link judgeHostKey}. */
  verdict(host: string, port: number, blob: Buffer): HostKeyVerdict {
    return judgeHostKey(this.knownKeys(host, port), fingerprintSha256(blob), this.isRevoked(blob));
  }
}

/** Reads a known_hosts file; a missing file is an empty one. */
export function readKnownHosts(path: string): KnownHosts {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return KnownHosts.parse('');
    throw e;
  }
  return KnownHosts.parse(text);
}

/** Reads several known_hosts files as one; missing files are empty. */
export function readKnownHostsFiles(paths: readonly string[]): KnownHosts {
  return KnownHosts.concat(paths.map(readKnownHosts));
}
