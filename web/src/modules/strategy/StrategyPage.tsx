import { PlaceholderPage } from '../../core/PlaceholderPage';

export function StrategyPage() {
  return <PlaceholderPage moduleKey="strategy" />;
}
