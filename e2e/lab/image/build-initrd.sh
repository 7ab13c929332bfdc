#!/bin/bash
# ClusterDeck lab: tiny busybox initramfs. The Debian kernel has virtio and ext4 as modules;
# insmod them in this order (or /dev/vda never appears), mount root, switch_root to systemd.
# Env: KSRC (unpacked kernel tree), KV (kernel version), WORK (scratch dir), OUT (initrd.gz path)
set -euo pipefail
: "${KSRC:?}" "${KV:?}" "${WORK:?}" "${OUT:?}"
M=$KSRC/lib/modules/$KV/kernel
rm -rf "$WORK"; mkdir -p "$WORK"/{bin,sbin,proc,sys,dev,newroot,mod}
cp /bin/busybox "$WORK/bin/busybox"
for m in drivers/virtio/virtio drivers/virtio/virtio_ring drivers/virtio/virtio_pci_legacy_dev \
         drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci drivers/virtio/virtio_mmio \
         drivers/block/virtio_blk lib/crc16 fs/mbcache fs/jbd2/jbd2 crypto/crc32c_generic fs/ext4/ext4; do
  cp "$M/$m.ko" "$WORK/mod/"
done
cat > "$WORK/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_mmio virtio_blk crc16 mbcache jbd2 crc32c_generic ext4; do
  insmod /mod/$m.ko || echo "initrd: insmod $m failed"
done
root=/dev/vda; init=/sbin/init
for w in $(cat /proc/cmdline); do case "$w" in root=*) root=${w#root=};; init=*) init=${w#init=};; esac; done
i=0; while [ ! -b "$root" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
if ! mount -t ext4 -o rw,noatime "$root" /newroot; then echo "initrd: cannot mount $root"; exec sh; fi
umount /proc /sys
mount --move /dev /newroot/dev
exec switch_root /newroot "$init"
INIT
chmod 755 "$WORK/init"
(cd "$WORK" && find . | cpio -o -H newc --quiet | gzip -1) > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -rf "$WORK"
