/**
 * The sections the probe script prints, in order. `ip-addr-*` is one or the other. Facts
 * probed before a section existed read it as unknown (see factsFromSections).
 */
export const SECTION_NAMES = [
  'clock',
  'os-release',
  'uname',
  'hostname',
  'virt',
  'ip-addr-json',
  'ip-addr-oneline',
  'route4',
  'route6',
  'disk /',
  'disk /home',
  'disk /chroot',
  'lsblk',
  'tools',
  'modules',
  'ipvs',
  'end',
] as const;

/**
 * Splits probe output into sections by header lines `<marker> <name>`. Bodies lose the blank
 * line the script prints before each header and trailing blank lines. A section printed twice
 * keeps its first body: a header can only come from the script, as the marker is secret.
 */
export function splitSections(output: string, marker: string): Map<string, string> {
  const sections = new Map<string, string>();
  const prefix = `${marker} `;
  let name: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (name !== undefined && !sections.has(name))
      sections.set(name, body.join('\n').replace(/\n+$/, ''));
  };
  for (const line of output.split('\n')) {
    if (line.startsWith(prefix)) {
      flush();
      name = line.slice(prefix.length);
      body = [];
    } else if (name !== undefined) {
      body.push(line);
    }
  }
  flush();
  return sections;
}

/** Joins sections back into probe output (for fixtures and tests). */
export function joinSections(sections: ReadonlyMap<string, string>, marker: string): string {
  return [...sections].map(([name, body]) => `\n${marker} ${name}\n${body}\n`).join('');
}
