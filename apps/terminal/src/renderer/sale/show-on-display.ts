import { isDomainError, type HostBridge } from '@store-os/shared';

/**
 * Writes two lines to the customer display. A terminal without one is normal (nothing to report); any
 * other failure is returned in words for the screen's device notice, never thrown into the sale.
 */
export async function showOnDisplay(host: HostBridge, lines: readonly string[]): Promise<string | undefined> {
  try {
    await host.invoke('display.text', { lines: [...lines] });
    return undefined;
  } catch (error) {
    if (isDomainError(error, 'device.not-configured')) return undefined;
    return `Customer display: ${error instanceof Error ? error.message : String(error)}`;
  }
}
