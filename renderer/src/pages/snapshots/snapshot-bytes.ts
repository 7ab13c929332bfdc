/** The bytes of a base64 text (snapshots:read sends a file's bytes so). */
export function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * A fresh task id (TaskId: 8 to 64 letters, digits, _ or -), so the page can follow the task's
 * progress while its request runs. getRandomValues works where randomUUID does not (an
 * insecure origin).
 */
export function newTaskId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `snap-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
