import { safeStorage } from 'electron';
import type { SecretStore } from '../core/secrets/secret-store';

/**
 * Secrets through Electron's safeStorage (OS keyring). On Linux the `basic_text` backend is a
 * hard-coded key, not protection: then nothing is stored and secrets are used once.
 */
export function safeStorageSecretStore(): SecretStore {
  const encryption = safeStorage.isEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const available = encryption && backend !== 'basic_text' && backend !== 'unknown';
  return {
    available,
    backend: available ? backend : `none (${backend})`,
    encrypt: (plain) => {
      if (!available) throw new Error('no safe secret store is available');
      return safeStorage.encryptString(plain);
    },
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
