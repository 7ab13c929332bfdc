import { createTheme } from '@mui/material/styles';

/** System fonts only: the app ships no web fonts and must work offline. */
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** Out of sight but read by screen readers (MUI's visuallyHidden), e.g. a file input. */
export const VISUALLY_HIDDEN = {
  border: 0,
  clipPath: 'inset(50%)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: 1,
} as const;

/** Monospace stack for fingerprints, paths and addresses. */
export const MONO =
  'ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace';

/**
 * The ClusterDeck theme. Its colours meet WCAG 2 AA as text (4.5:1) on white, on the grey
 * panels (grey.50, grey.100, background.default) and under white text: MUI's default error,
 * warning and info shades are too light for that (warning.main on white is 3.1:1), so they
 * are darker shades of the same hues; the light shades, which tint alerts, stay MUI's.
 * The e2e accessibility spec checks every screen with axe-core.
 */
export const theme = createTheme({
  palette: {
    mode: 'light',
    // Button and chip text picks white or black by the AA ratio, not MUI's default 3:1.
    contrastThreshold: 4.5,
    primary: { main: '#1f5fa8' },
    error: { main: '#c62828', dark: '#b71c1c', light: '#ef5350' },
    warning: { main: '#b25000', dark: '#9a4500', light: '#ff9800' },
    info: { main: '#016aa6', dark: '#01579b', light: '#03a9f4' },
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
