import type { PricingContext } from '../catalog/pricing-context';
import type { TerminalContext } from './start-terminal';

/** What every screen of the terminal receives from the shell. */
export interface ScreenProps {
  readonly context: TerminalContext;
  readonly pricing: PricingContext;
}
