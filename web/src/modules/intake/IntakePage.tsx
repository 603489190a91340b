import { PlaceholderPage } from '../../core/PlaceholderPage';

export function IntakePage() {
  return <PlaceholderPage moduleKey="intake" />;
}
