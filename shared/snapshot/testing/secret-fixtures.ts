import { LAB } from '../../plan/testing/lab-fixtures';
import type { SnapshotBody } from '../format';
import { snapshotBody } from './snapshot-fixtures';

/**
 * The lab snapshot with a secret planted in every kind of place one may hide (model, files,
 * queue runs, facts, audit), and the secrets themselves, for the redaction tests.
 */

const HASH = `$6$s4ltS4lt$${'Q'.repeat(80)}zZ9/.x`;
const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQSECRETKEYMATERIAL';
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;
const RSA_BODY = 'MIIEowIBAAKCAQEAsecretRSAkeyMaterialInAuditDetails';
const AUTH_PASS = 'Vrrp5ecr';
const PASSPHRASE = 'correct horse battery staple';
const DB_PASSWORD = 'hunter2-db';
const TOKEN = 'tok-0f9e8d7c6b5a';

/** The lab snapshot with a secret planted in every kind of place one may hide. */
export function plantedSecrets(): SnapshotBody {
  const body = snapshotBody();
  const c = body.cluster.cluster;
  const withHash = {
    ...c,
    accounts: c.accounts.map((a) => ({ ...a, sftp: { authorizedKeys: [], passwordHash: HASH } })),
  };
  const [manager, node1, node2] = body.hosts;
  if (!manager || !node1 || !node2) throw new Error('fixture has three hosts');
  return {
    ...body,
    cluster: { ...body.cluster, cluster: withHash, applied: withHash },
    hosts: [
      {
        ...manager,
        files: [
          ...manager.files,
          {
            path: '/etc/keepalived/vrrp.conf',
            content: `vrrp_instance VI_1 {\n  authentication {\n    auth_type PASS\n    auth_pass ${AUTH_PASS}\n  }\n}\n`,
            error: null,
          },
          { path: '/root/.ssh/id_ed25519', content: KEY, error: null },
        ],
      },
      {
        ...node1,
        files: [
          ...node1.files,
          {
            path: '/etc/app.ini',
            content: `[db]\nuser = app\npassword = ${DB_PASSWORD}\nPasswordAuthentication no\n`,
            error: null,
          },
        ],
        runs: {
          '2': [
            {
              id: 7,
              attempt: 1,
              phase: 'command',
              command: 'ssh-keygen -y -f key',
              exitCode: 1,
              stdout: `Enter passphrase: ${PASSPHRASE}\n${KEY}`,
              stderr: 'bad key',
              startedAt: '2026-11-30T08:00:01.000Z',
              durationMs: 5,
            },
          ],
        },
      },
      { ...node2, facts: node2.facts && { ...node2.facts, hostname: `node2\n${KEY}` } },
    ],
    audit: [
      ...body.audit,
      {
        id: 2,
        at: '2026-11-30T09:00:00.000Z',
        action: 'accounts:update',
        hostId: LAB.node1,
        result: 'ok',
        details: { name: 'web1', sftp: { password: 'plain-pw', token: TOKEN }, note: RSA_BLOCK() },
      },
    ],
  };
}

function RSA_BLOCK(): string {
  return `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n-----END RSA PRIVATE KEY-----`;
}

export const SECRETS = [
  HASH,
  KEY_BODY,
  RSA_BODY,
  AUTH_PASS,
  PASSPHRASE,
  DB_PASSWORD,
  TOKEN,
  'plain-pw',
];
