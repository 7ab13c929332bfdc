import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A titled card of facts. */
export function FactCard({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} {...(testId ? { 'data-testid': testId } : {})}>
      <CardHeader
        title={title}
        slotProps={{ title: { variant: 'subtitle1', sx: { fontWeight: 600 } } }}
        sx={{ pb: 0 }}
      />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Label/value pairs in two columns; each value may carry its own test id. */
export function FactGrid({
  rows,
}: {
  rows: { label: string; value: ReactNode; testId?: string }[];
}) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {rows.map((r) => (
        <Box key={r.label} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary" variant="body2">
            {r.label}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, wordBreak: 'break-word' }}
            {...(r.testId ? { 'data-testid': r.testId } : {})}
          >
            {r.value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
