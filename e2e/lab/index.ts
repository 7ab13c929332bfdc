/**
 * ClusterDeck practice lab: real Debian hosts under qemu for the test suite and for users.
 *
 * ```ts
 * import { ensureLab } from '../lab/index.js';
 * const lab = await ensureLab();                 // start or reuse: manager, node1, node2, client
 * const m = lab.host('manager');                 // { sshHost: '127.0.0.1', sshPort, user, privateKeyPath, publicIp, ... }
 * await lab.exec('client', 'ping -c1 10.10.0.10');
 * await lab.reset(['node1']);                    // back to the pristine golden snapshot
 * await lab.stop();                              // no qemu left, namespace removed
 * ```
 * Needs root (network namespace, taps). See README.md beside this file.
 */
export { ensureLab, currentLab, labStatus, stopLab, Lab } from './lab.js';
export type { LabHost, LabStatus, HostState } from './status.js';
export type { LabOptions, HostRole, HostSpec } from './config.js';
export {
  PUBLIC_NET,
  PRIVATE_NET,
  QUORUM_IP,
  VIP_RANGE,
  MAX_NODES,
  DEFAULT_PORT_BASE,
  allHostSpecs,
  selectHosts,
  labPaths,
} from './config.js';
export { LabError, HOST_PACKAGES, installCommand } from './preflight.js';
export { fingerprint } from './ssh.js';
