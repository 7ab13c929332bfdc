import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import type { HostFacts } from '../../../../shared/model/facts';
import { formatSkew } from '../../lib/format';
import { MONO } from '../../theme';
import { FactCard, FactGrid } from './FactCard';

/** System, virtualization and clock facts. */
export function SystemCards({ facts }: { facts: HostFacts }) {
  const v = facts.virtualization;
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}>
        <FactCard title="System" testId="facts-system">
          <FactGrid
            rows={[
              {
                label: 'OS',
                testId: 'fact-os',
                value: (
                  <>
                    {facts.os.prettyName}{' '}
                    <Box component="span" sx={{ color: 'text.secondary' }}>
                      ({facts.os.id} {facts.os.versionId}
                      {facts.os.idLike.length > 0 ? `, like ${facts.os.idLike.join(' ')}` : ''})
                    </Box>
                  </>
                ),
              },
              {
                label: 'Kernel',
                testId: 'fact-kernel',
                value: (
                  <Box component="span" sx={{ fontFamily: MONO }}>
                    {facts.kernel}
                  </Box>
                ),
              },
              { label: 'Architecture', testId: 'fact-arch', value: facts.arch },
              {
                label: 'Hostname',
                testId: 'fact-hostname',
                value: (
                  <Box component="span" sx={{ fontFamily: MONO }}>
                    {facts.hostname}
                  </Box>
                ),
              },
            ]}
          />
        </FactCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <FactCard title="Virtualization">
          <FactGrid
            rows={[
              { label: 'Kind', testId: 'fact-virtualization', value: v.kind },
              { label: 'Container', value: v.isContainer ? 'yes' : 'no' },
              { label: 'OpenVZ', value: v.isOpenVz ? 'yes' : 'no' },
            ]}
          />
        </FactCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <FactCard title="Clock">
          <FactGrid
            rows={[
              { label: 'Skew', testId: 'fact-clock', value: formatSkew(facts.clock.skewMs) },
              { label: 'Round trip', value: `${Math.round(facts.clock.rttMs)} ms` },
            ]}
          />
        </FactCard>
      </Grid>
    </>
  );
}
