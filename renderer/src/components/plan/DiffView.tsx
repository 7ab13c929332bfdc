import type { PlannedFile } from '../../../../shared/plan/types';
import { DiffText } from './DiffText';
import { fileChange } from './plan-logic';

/** A planned file's unified diff with coloured lines, or "no change". */
export function DiffView({ file }: { file: PlannedFile }) {
  // A new file's diff may be empty when the engine did not diff against nothing: show content.
  const text =
    file.diff === '' && fileChange(file) === 'new'
      ? file.content
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n')
      : file.diff;
  return <DiffText diff={text} />;
}
