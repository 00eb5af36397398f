import type { SessionInfo } from '../../../../shared/contract';
import type { Route } from '../../router';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { LibraryScreen } from '../library/LibraryScreen';
import { RecordingScreen } from '../recording/RecordingScreen';
import { StudioScreen } from '../studio/StudioScreen';
import { IngestScreen } from '../ingest/IngestScreen';
import { CustodyScreen } from '../custody/CustodyScreen';
import { RetentionScreen } from '../retention/RetentionScreen';
import { RequestsScreen } from '../requests/RequestsScreen';
import { RequestScreen } from '../requests/RequestScreen';
import { NewRequestScreen } from '../requests/NewRequestScreen';
import { UsersScreen } from '../users/UsersScreen';
import { SettingsScreen } from '../settings/SettingsScreen';

export function RouteView({ route, session }: { route: Route; session: SessionInfo }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardScreen session={session} />;
    case 'library':
      return <LibraryScreen />;
    case 'recording':
      return <RecordingScreen key={route.id} id={route.id} session={session} />;
    case 'studio':
      return <StudioScreen key={route.id} id={route.id} session={session} />;
    case 'ingest':
      return <IngestScreen />;
    case 'custody':
      return <CustodyScreen session={session} />;
    case 'retention':
      return <RetentionScreen session={session} />;
    case 'requests':
      return <RequestsScreen session={session} state={route.state} show={route.show} />;
    case 'request':
      return <RequestScreen key={route.id} id={route.id} session={session} />;
    case 'requestNew':
      return <NewRequestScreen />;
    case 'users':
      return <UsersScreen session={session} />;
    case 'settings':
      return <SettingsScreen session={session} />;
  }
}
