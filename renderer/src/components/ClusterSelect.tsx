import TextField from '@mui/material/TextField';
import type { ClusterView } from '../../../shared/api/contract';

/** Props of {@link ClusterSelect}. */
export interface ClusterSelectProps {
  clusters: ClusterView[];
  /** The id of the cluster shown. */
  value: string;
  onChange: (clusterId: string) => void;
  testId: string;
}

/** A picker between the known clusters; nothing while there is only one. */
export function ClusterSelect({ clusters, value, onChange, testId }: ClusterSelectProps) {
  if (clusters.length <= 1) return null;
  return (
    <TextField
      select
      value={value}
      sx={{ minWidth: 180 }}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': testId },
      }}
    >
      {clusters.map((v) => (
        <option key={v.cluster.id} value={v.cluster.id}>
          {v.cluster.name}
        </option>
      ))}
    </TextField>
  );
}
