import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { FactCheck } from '../../../../shared/model/facts';
import { countChecks, sortChecks } from '../../lib/checks';

const LOOK = {
  blocker: { icon: <ErrorIcon color="error" />, color: 'error.main', word: 'Blocker' },
  warning: { icon: <WarningIcon color="warning" />, color: 'warning.dark', word: 'Warning' },
  ok: { icon: <CheckCircleIcon color="success" />, color: 'success.main', word: 'OK' },
} as const;

/** The verdicts on a host's facts: blockers first, each with why. */
export function ChecksList({ checks }: { checks: FactCheck[] }) {
  const n = countChecks(checks);
  return (
    <Card variant="outlined" data-testid="facts-checks">
      <CardHeader
        title="Checks"
        subheader={`${n.blocker} blocker${n.blocker === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.ok} passed`}
      />
      <CardContent sx={{ pt: 0 }}>
        {checks.length === 0 ? (
          <Typography color="text.secondary">No checks were reported.</Typography>
        ) : (
          <List dense disablePadding>
            {sortChecks(checks).map((c) => {
              const look = LOOK[c.severity];
              return (
                <ListItem
                  key={c.id}
                  data-testid="check-item"
                  data-check-id={c.id}
                  data-severity={c.severity}
                  alignItems="flex-start"
                >
                  <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>{look.icon}</ListItemIcon>
                  <ListItemText
                    primary={
                      <>
                        <Typography component="span" sx={{ fontWeight: 600, color: look.color }}>
                          {look.word}:
                        </Typography>{' '}
                        {c.title}
                      </>
                    }
                    secondary={c.message}
                  />
                </ListItem>
              );
            })}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
