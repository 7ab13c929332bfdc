/**
 * Where passwords and passphrases may be kept between runs. Implementations encrypt with an
 * OS facility (Electron's safeStorage backed by the keyring); the store only ever sees
 * ciphertext. When no safe backend exists, `available` is false and secrets are used once.
 */
export interface SecretStore {
  readonly available: boolean;
  /** Names the backend (e.g. gnome_libsecret, kwallet5, none). */
  readonly backend: string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/** The store used when no safe backend exists (browser mode, CLI): nothing is persisted. */
export const noSecretStore: SecretStore = {
  available: false,
  backend: 'none',
  encrypt() {
    throw new Error('no safe secret store is available; the secret is used once and not stored');
  },
  decrypt() {
    throw new Error('no safe secret store is available');
  },
};
