#!/bin/bash
# ClusterDeck lab: build the guest root filesystem (Debian bookworm) and its ext4 image.
# Called by image-build.ts; all inputs come from the environment:
#   ROOT       rootfs directory to (re)create        IMAGE   ext4 image file to write
#   IMAGE_SIZE e.g. 3G                               KV      kernel version (modules dir name)
#   KSRC       unpacked kernel tree (lib/modules/KV) OVERLAY overlay directory copied into /
#   PUBKEY     lab public key (root + admin)         SOURCES apt sources file (the host's own)
#   PKGS       comma-separated package list          SUITE   e.g. bookworm
set -euo pipefail
: "${ROOT:?}" "${IMAGE:?}" "${IMAGE_SIZE:?}" "${KV:?}" "${KSRC:?}" "${OVERLAY:?}" "${PUBKEY:?}" "${SOURCES:?}" "${PKGS:?}" "${SUITE:?}"
rm -rf "$ROOT"; mkdir -p "$(dirname "$ROOT")"
MODS="modules.builtin modules.builtin.modinfo modules.order kernel/fs kernel/net kernel/lib kernel/crypto
 kernel/arch kernel/block kernel/mm kernel/virt kernel/drivers/virtio kernel/drivers/block kernel/drivers/char
 kernel/drivers/md kernel/drivers/firmware kernel/drivers/acpi kernel/drivers/input kernel/drivers/net"
EXCL=""
for d in wireless ethernet usb wwan can ieee802154 hamradio wan arcnet fddi hippi appletalk hyperv phy pcs mdio; do
  EXCL="$EXCL --exclude=kernel/drivers/net/$d"
done
export KV KSRC OVERLAY PUBKEY MODS EXCL
mmdebstrap --mode=root --variant=minbase --include="$PKGS" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='cp -R --no-preserve=ownership --preserve=mode "$OVERLAY"/. "$1"/ && chmod 440 "$1/etc/sudoers.d/admin" && chmod 755 "$1/usr/local/sbin/lab-config"' \
  --customize-hook='mkdir -p "$1/lib/modules/$KV" && tar -C "$KSRC/lib/modules/$KV" $EXCL -cf - $MODS | tar -C "$1/lib/modules/$KV" -xf - && chroot "$1" depmod -a "$KV"' \
  --customize-hook='mkdir -p -m700 "$1/root/.ssh" && install -m600 "$PUBKEY" "$1/root/.ssh/authorized_keys"' \
  --customize-hook='chroot "$1" useradd -m -s /bin/bash -G sudo admin && mkdir -p -m700 "$1/home/admin/.ssh" && install -m600 "$PUBKEY" "$1/home/admin/.ssh/authorized_keys" && chroot "$1" chown -R admin:admin /home/admin/.ssh' \
  --customize-hook='chroot "$1" systemctl enable systemd-networkd lab-config lab-ready' \
  --customize-hook='for u in keepalived nfs-server nfs-kernel-server nginx rpcbind rpcbind.socket quota quotarpc apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap fstrim.timer dpkg-db-backup.timer; do chroot "$1" systemctl disable "$u" >/dev/null 2>&1 || true; done' \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*; : > "$1/etc/machine-id"; rm -f "$1/var/lib/dbus/machine-id"' \
  --customize-hook='rm -f "$1/etc/resolv.conf"; : > "$1/etc/resolv.conf"; echo debian > "$1/etc/hostname"; rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
  "$SUITE" "$ROOT" "$SOURCES"
rm -f "$IMAGE"
mkfs.ext4 -q -F -L labroot -O ^has_journal -E lazy_itable_init=0 -d "$ROOT" "$IMAGE" "$IMAGE_SIZE"
tune2fs -O has_journal "$IMAGE" >/dev/null
