/** systemd-networkd facts read from a host: which .network file configures a link. */

/**
 * The .network file systemd-networkd applied to an interface, from the files observed on the
 * manager (/sys/class/net/IF/ifindex, then networkd's state file of that link); undefined when
 * not (yet) known or the link is not managed by networkd.
 */
export function networkFileOf(
  files: Record<string, string | null>,
  iface: string,
): string | undefined {
  const index = files[`/sys/class/net/${iface}/ifindex`]?.trim();
  if (index === undefined || !/^[0-9]+$/.test(index)) return undefined;
  const state = files[`/run/systemd/netif/links/${index}`];
  // Only a plain .network file in one of networkd's folders: the host's text becomes a path.
  const m = state?.match(
    /^NETWORK_FILE=((?:\/etc|\/run|\/usr\/lib|\/lib|\/usr\/local\/lib)\/systemd\/network\/[A-Za-z0-9._@-]+\.network)$/m,
  );
  return m?.[1];
}
