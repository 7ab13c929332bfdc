import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlankDevice, parseLsblkJson } from './parse-block-devices';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, 'fixtures', name, 'lsblk.txt'), 'utf8');

/** util-linux 2.38 on a Debian 12 install with LVM on a partitioned disk and a blank second one. */
const LVM_HOST = `{
   "blockdevices": [
      {"name":"sda", "path":"/dev/sda", "size":34359738368, "type":"disk", "fstype":null, "mountpoint":null,
         "children": [
            {"name":"sda1", "path":"/dev/sda1", "size":510656512, "type":"part", "fstype":"ext2", "mountpoint":"/boot"},
            {"name":"sda2", "path":"/dev/sda2", "size":1024, "type":"part", "fstype":null, "mountpoint":null},
            {"name":"sda5", "path":"/dev/sda5", "size":33847181312, "type":"part", "fstype":"LVM2_member", "mountpoint":null,
               "children": [
                  {"name":"web1--vg-root", "path":"/dev/mapper/web1--vg-root", "size":32799604736, "type":"lvm", "fstype":"ext4", "mountpoint":"/"},
                  {"name":"web1--vg-swap_1", "path":"/dev/mapper/web1--vg-swap_1", "size":1044381696, "type":"lvm", "fstype":"swap", "mountpoint":"[SWAP]"}
               ]
            }
         ]
      },
      {"name":"sdb", "path":"/dev/sdb", "size":"107374182400", "type":"disk", "fstype":null, "mountpoint":null}
   ]
}`;

describe('parseLsblkJson', () => {
  it('reads the lab VM: the root disk holds /, the data disk is blank, the seed CD is a rom', () => {
    const devs = parseLsblkJson(fixture('debian12-qemu-lab'));
    expect(devs).toEqual([
      {
        name: 'sr0',
        path: '/dev/sr0',
        sizeBytes: 374784,
        type: 'rom',
        fsType: 'iso9660',
        holdsRoot: false,
      },
      {
        name: 'vda',
        path: '/dev/vda',
        sizeBytes: 3221225472,
        type: 'disk',
        fsType: 'ext4',
        mountpoint: '/',
        holdsRoot: true,
      },
      { name: 'vdb', path: '/dev/vdb', sizeBytes: 4294967296, type: 'disk', holdsRoot: false },
    ]);
    expect(devs.filter((d) => isBlankDevice(d, devs)).map((d) => d.path)).toEqual(['/dev/vdb']);
  });

  it('flattens partitions and volumes under their parents and marks the chain to /', () => {
    const devs = parseLsblkJson(LVM_HOST);
    expect(devs.map((d) => [d.path, d.parent ?? '', d.holdsRoot])).toEqual([
      ['/dev/sda', '', true],
      ['/dev/sda1', '/dev/sda', false],
      ['/dev/sda2', '/dev/sda', false],
      ['/dev/sda5', '/dev/sda', true],
      ['/dev/mapper/web1--vg-root', '/dev/sda5', true],
      ['/dev/mapper/web1--vg-swap_1', '/dev/sda5', false],
      ['/dev/sdb', '', false],
    ]);
    expect(devs.find((d) => d.name === 'sdb')?.sizeBytes).toBe(107374182400);
    expect(devs.find((d) => d.name === 'web1--vg-swap_1')?.mountpoint).toBe('[SWAP]');
    // sda2 is an extended partition's stub: no filesystem seen, nothing on it, so blank.
    expect(devs.filter((d) => isBlankDevice(d, devs)).map((d) => d.path)).toEqual([
      '/dev/sda2',
      '/dev/sdb',
    ]);
  });

  it('sees a container host disk as in use, never holding the container root', () => {
    const devs = parseLsblkJson(fixture('debian12-docker'));
    expect(devs.map((d) => d.path)).toEqual([
      '/dev/nvme0n1',
      '/dev/nvme0n1p1',
      '/dev/nvme0n1p2',
      '/dev/nvme0n1p3',
    ]);
    expect(devs.some((d) => d.holdsRoot)).toBe(false);
    expect(devs.filter((d) => isBlankDevice(d, devs))).toEqual([]);
  });

  it('reads no devices from empty or foreign output', () => {
    expect(parseLsblkJson('')).toEqual([]);
    expect(parseLsblkJson('lsblk: not found')).toEqual([]);
    expect(parseLsblkJson('{"blockdevices": null}')).toEqual([]);
    expect(parseLsblkJson('{"blockdevices": [{"size": 1}]}')).toEqual([]);
  });
});
