import { downloadBlob } from '../../lib/download';

/** Saves bytes as a download named `fileName` (the browser's, or Electron's save dialog). */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  downloadBlob(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
    fileName,
  );
}
