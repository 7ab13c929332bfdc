import { createTheme } from '@mui/material/styles';

/** System fonts only: the app ships no web fonts and must work offline. */
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** Monospace stack for fingerprints, paths and addresses. */
export const MONO =
  'ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace';

/** The ClusterDeck theme. */
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1f5fa8' },
    background: { default: '#f4f6f8' },
  },
  typography: { fontFamily: SANS },
  shape: { borderRadius: 6 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
  },
});
