/** File name of a section in a fixture directory: `disk /home` -> `disk-home.txt`. */
export function sectionFileName(section: string): string {
  const slug =
    section === 'disk /' ? 'disk-root' : section.replace(/[ /]+/g, '-').replace(/-+$/, '');
  return `${slug}.txt`;
}

/** Extra raw outputs a capture saves beside the sections, to test fallback parsers. */
export const EXTRA_CAPTURES = {
  'extra-ip-addr-oneline.txt': 'ip -o addr show 2>/dev/null',
  'extra-ip-addr-json.txt': 'ip -j addr show 2>/dev/null',
  'extra-df-pk-root.txt': 'LC_ALL=C df -P -k / 2>/dev/null',
} as const;

/**
 * Rebuilds the sections of a captured fixture; `read` returns a file's text or undefined when
 * it is absent (tests pass a node:fs reader, as shared/ has no file access).
 */
export function fixtureSections(
  read: (file: string) => string | undefined,
  names: readonly string[],
): Map<string, string> {
  const sections = new Map<string, string>();
  for (const s of names) {
    const text = read(sectionFileName(s));
    if (text !== undefined) sections.set(s, text.replace(/\n$/, ''));
  }
  return sections;
}
