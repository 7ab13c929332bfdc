export { decodeSnapshotBytes } from './decode';
export {
  closeSnapshot,
  openSnapshotBytes,
  useReadOnly,
  useSnapshotMode,
  type OpenSnapshot,
} from './snapshot-mode';
export { Writable } from './Writable';
