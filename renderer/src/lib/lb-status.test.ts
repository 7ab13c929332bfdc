import { describe, expect, it } from 'vitest';
import { lbStatus } from '../../../shared/lb/testing/status-fixtures';
import {
  formatBytesPerSec,
  formatPerSec,
  nodeLbPhase,
  shownStatus,
  STATE_LOOK,
  weightText,
} from './lb-status';

describe('nodeLbPhase', () => {
  it('follows a drain from the model to the manager to zero connections', () => {
    expect(nodeLbPhase('drain', 'active', 5)).toBe('drain-pending');
    expect(nodeLbPhase('drain', 'drain', 5)).toBe('draining');
    expect(nodeLbPhase('drain', 'drain', null)).toBe('draining');
    expect(nodeLbPhase('drain', 'drain', 0)).toBe('drained');
  });

  it('tells applied and pending maintenance and return to service apart', () => {
    expect(nodeLbPhase('maintenance', 'drain', null)).toBe('maintenance-pending');
    expect(nodeLbPhase('maintenance', 'maintenance', null)).toBe('maintenance');
    expect(nodeLbPhase('active', 'maintenance', null)).toBe('return-pending');
    expect(nodeLbPhase('active', 'active', 3)).toBe('active');
    expect(nodeLbPhase('active', null, null)).toBe('active');
  });
});

describe('formatting', () => {
  it('formats rates', () => {
    expect(formatPerSec(0)).toBe('0');
    expect(formatPerSec(0.54)).toBe('0.5');
    expect(formatPerSec(12.4)).toBe('12');
    expect(formatPerSec(12_345)).toBe('12.3k');
    expect(formatBytesPerSec(1536)).toBe('1.5 KiB/s');
    expect(formatBytesPerSec(-1)).toBe('0 B/s');
  });

  it('compares live and model weights', () => {
    expect(weightText(1, 1)).toEqual({ text: '1 / 1', differs: false });
    expect(weightText(0, 2)).toEqual({ text: '0 / 2', differs: true });
    expect(weightText(null, 1)).toEqual({ text: '— / 1', differs: true });
    expect(weightText(3, null)).toEqual({ text: '3 / —', differs: true });
  });

  it('colours states as the page promises', () => {
    expect(STATE_LOOK.up.color).toBe('success');
    expect(STATE_LOOK.down.color).toBe('error');
    expect(STATE_LOOK.drain.color).toBe('warning');
    expect(STATE_LOOK.maintenance.color).toBe('default');
    expect(STATE_LOOK.extra.variant).toBe('outlined');
    expect(STATE_LOOK.sorry.variant).toBe('outlined');
    expect(STATE_LOOK.unknown.variant).toBe('outlined');
  });
});

describe('shownStatus', () => {
  it('prefers the last good reading over a failed one', () => {
    const good = lbStatus();
    const bad = lbStatus({ error: 'ipvsadm: not found', services: [] });
    expect(shownStatus(good, bad)).toBe(good);
    expect(shownStatus(null, bad)).toBe(bad);
    expect(shownStatus(null, null)).toBeNull();
  });
});
