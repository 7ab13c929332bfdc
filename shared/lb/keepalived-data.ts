import { quote } from '../shell/quote';

/**
 * keepalived's own view of its health checks, from the dump its checker process writes on the
 * DATA signal (`kill -s $(keepalived --signum=DATA) $(cat /run/keepalived.pid)`) into its
 * temporary folder. Its "Health checkers" section has one block per check:
 *
 *    [10.10.0.100]:tcp:80 -> [10.10.0.11]:tcp:80
 *      Enabled = yes
 *      Up = no
 *      Has run = yes
 *
 * Only that section is read; a block this parser does not understand is skipped, never guessed.
 */

/** One check: which virtual service and real server, and what keepalived thinks of it. */
export interface KeepalivedCheck {
  /** The IPVS key of the virtual service ("tcp 10.10.0.100:80", "fwmark 100"). */
  service: string;
  address: string;
  port: number;
  /** `up` / `down` once the check has run, `pending` before its first result. */
  state: 'up' | 'down' | 'pending';
}

/**
 * keepalived's temporary folder on a ClusterDeck manager. keepalived 2.x writes its dumps to
 * $TMPDIR, else /tmp, where any user could put a file or a link of that name for root to read.
 * ClusterDeck's systemd drop-in for keepalived (shared/lb/keepalived-dropin.ts) has systemd
 * create this folder for each start, owned by root with mode 0700, and sets TMPDIR to it.
 */
export const KEEPALIVED_DUMP_DIR = '/run/clusterdeck-keepalived';

/** Where keepalived writes the checker dump. */
export const KEEPALIVED_CHECK_DATA = `${KEEPALIVED_DUMP_DIR}/keepalived_check.data`;

const HEAD = /^ (\S.*?) -> \[([0-9.]+)\]:(?:tcp|udp|sctp):(\d+)\s*$/;

/** "[10.10.0.100]:tcp:80" -> "tcp 10.10.0.100:80"; "FWM 100" -> "fwmark 100". */
function serviceKey(text: string): string | null {
  const port = /^\[([0-9.]+)\]:(tcp|udp|sctp):(\d+)$/.exec(text);
  if (port) return `${port[2] ?? ''} ${port[1] ?? ''}:${port[3] ?? ''}`;
  const mark = /^FWM (\d+)/.exec(text);
  return mark ? `fwmark ${mark[1] ?? ''}` : null;
}

/** Every check of the dump's "Health checkers" section. */
export function parseKeepalivedChecks(text: string): KeepalivedCheck[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('------< Health checkers >------'));
  if (start < 0) return [];
  const out: KeepalivedCheck[] = [];
  let current: {
    service: string;
    address: string;
    port: number;
    up?: boolean;
    ran?: boolean;
  } | null = null;
  const flush = (): void => {
    if (current?.up === undefined) return;
    const state = current.ran === false ? 'pending' : current.up ? 'up' : 'down';
    out.push({ service: current.service, address: current.address, port: current.port, state });
  };
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('------<')) break;
    const head = HEAD.exec(line);
    if (head) {
      flush();
      const service = serviceKey(head[1] ?? '');
      current =
        service === null ? null : { service, address: head[2] ?? '', port: Number(head[3]) };
      continue;
    }
    if (current === null) continue;
    const kv = /^ {3}(Up|Has run) = (yes|no)\s*$/.exec(line);
    if (kv?.[1] === 'Up') current.up = kv[2] === 'yes';
    else if (kv?.[1] === 'Has run') current.ran = kv[2] === 'yes';
  }
  flush();
  return out;
}

/**
 * A shell test that `path` is a regular file (not a link, FIFO or device) owned by root that
 * neither group nor others may write: what root may read as keepalived's own output.
 */
export function rootOnlyFile(path: string): string {
  const f = quote(path);
  return `{ [ -f ${f} ] && [ ! -L ${f} ] && [ "$(stat -c %u ${f})" = 0 ] && [ $(( 0$(stat -c %a ${f}) & 022 )) -eq 0 ]; }`;
}

/**
 * A shell command for the manager that asks keepalived for a fresh dump and prints its
 * checker section. Exits 3 when keepalived does not run, 4 when it does not run with the
 * private folder (started before ClusterDeck's drop-in: its dump is in /tmp and is not read),
 * or when what is there is not a regular root-owned file that only root may write. The dump is written asynchronously:
 * the command waits (up to 2 s) until the new file stops growing.
 */
export function keepalivedChecksCommand(): string {
  const d = KEEPALIVED_DUMP_DIR;
  const f = KEEPALIVED_CHECK_DATA;
  return [
    'p=$(cat /run/keepalived.pid 2>/dev/null) && kill -0 "$p" 2>/dev/null || exit 3',
    `{ [ -d ${d} ] && [ ! -L ${d} ] && [ "$(stat -c %u:%a ${d})" = 0:700 ]; } || exit 4`,
    `rm -f ${f}`,
    'kill -s "$(keepalived --signum=DATA)" "$p" || exit 3',
    `n=0; last=-1; while [ $n -lt 40 ]; do s=$(stat -c %s ${f} 2>/dev/null || echo -1); if [ "$s" -gt 0 ] && [ "$s" = "$last" ]; then break; fi; last=$s; n=$((n+1)); sleep 0.05; done`,
    `${rootOnlyFile(f)} || exit 4`,
    `sed -n '/^------< Health checkers >------/,$p' ${f}`,
  ].join('; ');
}
