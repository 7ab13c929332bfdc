import { describe, expect, it } from 'vitest';
import type { BlockDevice, HostFacts } from '../../../shared/model/facts';
import { hostFacts } from '../testing/fixtures';
import { deviceChoices, formatGiB } from './block-devices';

const dev = (d: Partial<BlockDevice> & { path: string }): BlockDevice => ({
  name: d.path.replace('/dev/', ''),
  sizeBytes: 4 * 2 ** 30,
  type: 'disk',
  holdsRoot: false,
  ...d,
});

const withDevices = (blockDevices: BlockDevice[]): HostFacts => hostFacts({ blockDevices });

describe('deviceChoices', () => {
  it('offers blank disks and partitions, marks the system disk and refuses devices with data', () => {
    const choices = deviceChoices(
      withDevices([
        dev({ path: '/dev/sr0', type: 'rom', fsType: 'iso9660', sizeBytes: 374784 }),
        dev({ path: '/dev/vda', fsType: 'ext4', mountpoint: '/', holdsRoot: true }),
        dev({ path: '/dev/vdb', sizeBytes: 10 * 2 ** 30 }),
        dev({ path: '/dev/vdc' }),
        dev({ path: '/dev/vdc1', type: 'part', parent: '/dev/vdc', fsType: 'xfs' }),
        dev({ path: '/dev/zram0', sizeBytes: 0 }),
      ]),
    );
    expect(choices?.map((c) => [c.label, c.refused])).toEqual([
      ['/dev/vda · 4.0 GiB disk · ext4 · mounted on /', 'the system disk (it holds /)'],
      ['/dev/vdb · 10.0 GiB disk · blank', null],
      ['/dev/vdc · 4.0 GiB disk · in use', 'not blank: it holds data'],
      ['/dev/vdc1 · 4.0 GiB partition · xfs', 'not blank: it holds data'],
    ]);
    expect(choices?.find((c) => c.path === '/dev/vda')?.holdsRoot).toBe(true);
  });

  it('tells unknown (facts from before) from none', () => {
    expect(deviceChoices(hostFacts({}))).toBeNull();
    expect(deviceChoices(null)).toBeNull();
    expect(deviceChoices(withDevices([]))).toEqual([]);
  });

  it('writes sizes in GiB', () => {
    expect(formatGiB(3221225472)).toBe('3.0 GiB');
    expect(formatGiB(512110190592)).toBe('476.9 GiB');
  });
});
