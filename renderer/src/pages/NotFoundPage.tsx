import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { formatRoute, OVERVIEW } from '../lib/routes';

/** Props of {@link NotFoundPage}. */
export interface NotFoundPageProps {
  /** The URL path that names no page, when it was a path (never a fragment such as a token). */
  path?: string | null;
  /** What is missing, e.g. "No cluster has the id c9." (a generic sentence when absent). */
  message?: string;
}

/** What a URL that names no page (or a page of something gone) shows: never a blank screen. */
export function NotFoundPage({ path = null, message }: NotFoundPageProps) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="not-found-page">
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        Page not found
      </Typography>
      <Typography sx={{ mb: 2 }}>
        {message ?? 'No page of ClusterDeck has this address.'}
        {path !== null && (
          <>
            {' '}
            Address:{' '}
            <Typography component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              #{path}
            </Typography>
          </>
        )}
      </Typography>
      <Link href={formatRoute(OVERVIEW)} data-testid="not-found-overview">
        Go to the overview
      </Link>
    </Paper>
  );
}
