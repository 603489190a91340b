import { PlaceholderPage } from '../../core/PlaceholderPage';

export function MappingPage() {
  return <PlaceholderPage moduleKey="mapping" />;
}
