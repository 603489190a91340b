import { PlaceholderPage } from '../../core/PlaceholderPage';

export function DataPage() {
  return <PlaceholderPage moduleKey="data" />;
}
