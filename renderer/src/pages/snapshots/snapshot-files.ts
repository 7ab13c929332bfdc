/** Saves bytes as a download named `fileName` (the browser's, or Electron's save dialog). */
export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download; revoking later keeps slow saves working.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
