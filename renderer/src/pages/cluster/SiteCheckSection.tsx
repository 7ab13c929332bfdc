import RefreshIcon from '@mui/icons-material/Refresh';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SiteAnswer } from '../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { checkSite } from '../../flows/account-actions';
import { statusMeaning } from '../../lib/account-form';

/** Each web node's HTTP answer for the account's site: asked on open and on "Check again". */
export function SiteCheckSection({
  clusterId,
  account,
  domain,
}: {
  clusterId: string;
  account: string;
  domain: string;
}) {
  const [answers, setAnswers] = useState<SiteAnswer[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [checking, setChecking] = useState(false);
  // An answer that arrives after a newer check started (or after closing) is dropped.
  const seq = useRef({ n: 0 });
  const check = useCallback(async () => {
    const mine = ++seq.current.n;
    setChecking(true);
    try {
      const r = await checkSite(clusterId, account);
      if (mine !== seq.current.n) return;
      setAnswers(r);
      setError(null);
    } catch (e) {
      if (mine !== seq.current.n) return;
      setError(toErrorInfo(e));
    } finally {
      if (mine === seq.current.n) setChecking(false);
    }
  }, [clusterId, account]);
  useEffect(() => {
    const s = seq.current;
    void check();
    return () => {
      s.n++;
    };
  }, [check, domain]);

  return (
    <Stack spacing={1} data-testid="account-site-checks" data-checking={String(checking)}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flexGrow: 1 }}>
          How each node answers for {domain}
        </Typography>
        <Button
          size="small"
          startIcon={
            checking ? <CircularProgress size={14} color="inherit" aria-hidden /> : <RefreshIcon />
          }
          disabled={checking}
          onClick={() => void check()}
          data-testid="account-site-recheck"
        >
          Check again
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Each node is asked for http://{domain}/ on itself, so the answer does not depend on DNS or
        on which node the load balancer picks.
      </Typography>
      {error !== null && <ErrorAlert error={error} title="Checking the site" />}
      {answers === null && error === null && (
        <Typography variant="body2" color="text.secondary">
          Asking the nodes…
        </Typography>
      )}
      {answers !== null && answers.length === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="account-site-none">
          No node serves the sites yet, so there is no one to ask.
        </Typography>
      )}
      {answers !== null && answers.length > 0 && (
        <Table size="small" aria-label={`HTTP answers for ${domain}`}>
          <TableHead>
            <TableRow>
              <TableCell>Node</TableCell>
              <TableCell>Answer</TableCell>
              <TableCell align="right">Time</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {answers.map((a) => (
              <TableRow
                key={a.hostId}
                data-testid="account-site-check"
                data-host={a.hostName}
                data-status={a.status === null ? 'none' : String(a.status)}
              >
                <TableCell sx={{ fontWeight: 600 }}>{a.hostName}</TableCell>
                <TableCell data-testid="account-site-answer">
                  <AnswerText answer={a} />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {Math.round(a.ms)} ms
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}

function AnswerText({ answer }: { answer: SiteAnswer }) {
  if (answer.status === null)
    return (
      <Typography variant="body2" color="error">
        No answer: {answer.error ?? 'the node could not be asked'}
      </Typography>
    );
  const meaning = statusMeaning(answer.status);
  if (meaning === 'ok') return <Chip size="small" color="success" label={`${answer.status} ok`} />;
  return (
    <Chip
      size="small"
      color={answer.status >= 500 ? 'error' : 'warning'}
      label={`${answer.status}: ${meaning}`}
    />
  );
}
