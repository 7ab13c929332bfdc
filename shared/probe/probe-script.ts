import { cmd } from '../shell/quote';

/**
 * The probe: one static POSIX sh script that prints every section the parsers read, each
 * after a header line `<marker> <section>`. The marker is random per run and comes as the
 * first line of stdin, never in the arguments: any user of the host can read every process's
 * arguments (`ps`), and with the marker could forge section headers in output they control
 * (a mount point's name, a file the probe reads). No user value is ever part of the text.
 * The clock comes first so its timing is measured on the first bytes that arrive.
 */
export const PROBE_SCRIPT = `IFS= read -r M || exit 97
LC_ALL=C; export LC_ALL
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; export PATH
s() { printf '\\n%s %s\\n' "$M" "$1"; }
s clock; date +%s%3N
s os-release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
s uname; uname -r; uname -m
s hostname; hostname 2>/dev/null || cat /proc/sys/kernel/hostname
s virt
printf 'detect_virt=%s\\n' "$(systemd-detect-virt 2>/dev/null)"
for f in /proc/vz /proc/bc /proc/user_beancounters /.dockerenv /run/.containerenv; do
  [ -e "$f" ] && printf 'exists=%s\\n' "$f"
done
[ -r /run/systemd/container ] && printf 'systemd_container=%s\\n' "$(cat /run/systemd/container)"
if j=$(ip -j addr show 2>/dev/null) && [ -n "$j" ]; then
  s ip-addr-json; printf '%s\\n' "$j"
else
  s ip-addr-oneline; ip -o addr show 2>/dev/null
fi
s route4; ip route show default 2>/dev/null
s route6; ip -6 route show default 2>/dev/null
for p in / /home /chroot; do
  q=$p
  while [ ! -e "$q" ]; do q=$(dirname "$q"); done
  s "disk $p"
  if [ -e "$p" ]; then echo exists=1; else echo exists=0; fi
  echo "at=$q"
  df -P -B1 -T "$q" 2>/dev/null || df -P -k "$q" 2>/dev/null
done
s lsblk; lsblk -J -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,UUID 2>/dev/null
s tools
for t in ipvsadm keepalived exportfs rpc.nfsd mount.nfs quota setquota rpc.rquotad; do
  printf '%s=%s\\n' "$t" "$(command -v "$t" 2>/dev/null)"
done
for u in nfs-server.service nfs-kernel-server.service; do
  for d in /etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
    [ -e "$d/$u" ] && printf 'unit=%s\\n' "$d/$u"
  done
done
[ -e /etc/init.d/nfs-kernel-server ] && echo unit=/etc/init.d/nfs-kernel-server
s modules
r=$(uname -r)
for m in ip_vs nfsd nfs; do
  l=0; grep -q "^$m " /proc/modules 2>/dev/null && l=1
  y=0; [ -d "/sys/module/$m" ] && y=1
  f=0; grep -qw "$m" /proc/filesystems 2>/dev/null && f=1
  b=0; grep -Eq "(^|/)$m[.]ko" "/lib/modules/$r/modules.builtin" 2>/dev/null && b=1
  d=0; grep -Eq "(^|/)$m[.]ko" "/lib/modules/$r/modules.dep" 2>/dev/null && d=1
  i=0; modinfo "$m" >/dev/null 2>&1 && i=1
  n=0; modprobe -n "$m" >/dev/null 2>&1 && n=1
  printf '%s proc_modules=%s sys_module=%s filesystems=%s builtin=%s modules_dep=%s modinfo=%s modprobe=%s\\n' "$m" "$l" "$y" "$f" "$b" "$d" "$i" "$n"
done
s ipvs
d=/lib/modules/$r
if [ -d "$d" ]; then echo module_tree=1; else echo module_tree=0; fi
if [ -e /proc/net/ip_vs ]; then echo proc_net_ip_vs=1; fi
for f in "$d"/kernel/net/netfilter/ipvs/ip_vs*.ko*; do
  if [ -e "$f" ]; then printf 'file=%s\\n' "$f"; fi
done
grep -E '(^|/)ip_vs[a-z_]*[.]ko' "$d/modules.builtin" 2>/dev/null | sed 's/^/builtin=/'
grep -E '^ip_vs[a-z_]* ' /proc/modules 2>/dev/null | cut -d' ' -f1 | sed 's/^/proc_modules=/'
for f in /sys/module/ip_vs*; do
  if [ -d "$f" ]; then printf 'sys_module=%s\\n' "$f"; fi
done
s end
`;

/** The probe's marker: 16 or more characters that need no quoting. */
export const PROBE_MARKER_SHAPE = /^[A-Za-z0-9_@-]{16,}$/;

/**
 * The command line that runs the probe (the script is static and holds no marker); the marker
 * goes to its stdin, see {@link probeStdin}.
 */
export function probeCommand(): string {
  return cmd('sh', '-c', PROBE_SCRIPT, 'clusterdeck-probe');
}

/** The probe's stdin: its marker on one line. Throws for a marker of the wrong shape. */
export function probeStdin(marker: string): string {
  if (!PROBE_MARKER_SHAPE.test(marker)) throw new Error('probe marker must be 16+ safe characters');
  return `${marker}\n`;
}
