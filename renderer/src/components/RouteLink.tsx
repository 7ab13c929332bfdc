import Link, { type LinkProps } from '@mui/material/Link';
import { formatRoute, type Page } from '../lib/routes';

/** Props of {@link RouteLink}: a MUI link to a page of the app instead of an `href`. */
export type RouteLinkProps = Omit<LinkProps, 'href'> & { to: Page };

/**
 * A real link to a page (its URL fragment): a click goes there as Back and Forward expect, and
 * the admin can see or copy where it leads.
 */
export function RouteLink({ to, ...props }: RouteLinkProps) {
  return <Link href={formatRoute(to)} {...props} />;
}
