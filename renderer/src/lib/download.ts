/**
 * Saves a blob as a download named `fileName` (the browser's download, or Electron's save
 * dialog). The URL is revoked a minute later: the click has handed it over by then, and a slow
 * save still finds it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
