import type { Api } from '../../shared/api/client';
import type { ClusterView } from '../../shared/api/contract';
import type { HostView } from '../../shared/model/host';
import { CliError, notFound, usageError } from './cli-errors';
import { writeText, type TextSink } from './terminal-text';

/**
 * What every command gets: the contract's `api` (nothing else of the engine), how to talk to
 * people, and lookups of names. Every request goes through the same validation and guards as
 * the app's.
 */
export class CliContext {
  private hostList: Promise<HostView[]> | null = null;

  constructor(
    readonly api: Api,
    readonly json: boolean,
    /** The command being run ("service add"), for the hints of its errors. */
    readonly command: string,
    private readonly out: { stdout: TextSink; stderr: TextSink } = process,
  ) {}

  /** A line for people: on stdout, or stderr with --json so that stdout stays parseable. */
  say(line: string): void {
    writeText(this.json ? this.out.stderr : this.out.stdout, `${line}\n`);
  }

  /** A line about progress, always on stderr (stdout holds the result, also without --json). */
  note(line: string): void {
    writeText(this.out.stderr, `${line}\n`);
  }

  /** One JSON line on stdout (progress lines of --json). */
  emit(value: unknown): void {
    this.out.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Every host (read once per command; {@link forgetHosts} after adding one). */
  hosts(): Promise<HostView[]> {
    this.hostList ??= this.api.hosts.list({});
    return this.hostList;
  }

  /** Drops the cached host list. */
  forgetHosts(): void {
    this.hostList = null;
  }

  /** The host with this name (or id); NOT_FOUND naming `field` otherwise. */
  async host(nameOrId: string | undefined, field = 'HOST'): Promise<HostView> {
    if (nameOrId === undefined || nameOrId === '')
      throw usageError(field, 'give a host name', this.command);
    const host =
      (await this.hosts()).find((h) => h.name === nameOrId) ??
      (await this.hosts()).find((h) => h.id === nameOrId);
    if (!host) throw notFound(field, 'host', nameOrId, 'hosts list');
    return host;
  }

  /** A host's name for people (the id when the host was removed). */
  async hostNames(): Promise<(id: string) => string> {
    const byId = new Map((await this.hosts()).map((h) => [h.id, h.name]));
    return (id) => byId.get(id) ?? id;
  }

  /**
   * The cluster named (by argument or --cluster), or the only one when none is named;
   * NOT_FOUND / VALIDATION naming `field` otherwise.
   */
  async cluster(nameOrId: string | boolean | undefined, field = '--cluster'): Promise<ClusterView> {
    const all = await this.api.clusters.list({});
    if (typeof nameOrId === 'string') {
      const view =
        all.find((c) => c.cluster.name === nameOrId) ?? all.find((c) => c.cluster.id === nameOrId);
      if (!view) throw notFound(field, 'cluster', nameOrId, 'cluster list');
      return view;
    }
    const [only, ...others] = all;
    if (only && others.length === 0) return only;
    throw only
      ? usageError(
          field,
          `give the cluster (${all.map((c) => c.cluster.name).join(', ')})`,
          this.command,
        )
      : new CliError(
          'NOT_FOUND',
          'there is no cluster yet',
          'Create one: clusterdeck cluster create --file cluster.json (see clusterdeck cluster create --help)',
          {},
        );
  }
}
