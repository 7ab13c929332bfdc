import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DnsIcon from '@mui/icons-material/Dns';
import ErrorIcon from '@mui/icons-material/Error';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import HelpIcon from '@mui/icons-material/Help';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import LanIcon from '@mui/icons-material/Lan';
import PublicIcon from '@mui/icons-material/Public';
import RouterIcon from '@mui/icons-material/Router';
import SettingsInputAntennaIcon from '@mui/icons-material/SettingsInputAntenna';
import StorageIcon from '@mui/icons-material/Storage';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import ViewModuleIcon from '@mui/icons-material/ViewModule';
import WarningIcon from '@mui/icons-material/Warning';

import type { TopologyNodeKind, TopologyTone } from '../../../../shared/topology/types';

/** The icon of each node kind (legend, nodes, panel). */
export const KIND_ICON: Record<TopologyNodeKind, typeof CheckCircleIcon> = {
  internet: PublicIcon,
  network: LanIcon,
  nat: RouterIcon,
  vip: SettingsInputAntennaIcon,
  service: SwapHorizIcon,
  manager: DnsIcon,
  backup: DnsIcon,
  node: StorageIcon,
  storage: FolderSharedIcon,
  group: ViewModuleIcon,
};

/** The icon of each tone: with the state word, colour is never the only signal. */
export const TONE_ICON: Record<TopologyTone, typeof CheckCircleIcon> = {
  ok: CheckCircleIcon,
  busy: HourglassTopIcon,
  warn: WarningIcon,
  error: ErrorIcon,
  muted: HelpIcon,
};
