import { DomainError } from '@store-os/shared';
import type { DeviceHost } from './device-host';

function none(what: string): Promise<never> {
  return Promise.reject(
    new DomainError(
      'device.not-configured',
      `No ${what} is configured on this terminal. Add it to the terminal's device configuration (or start the simulators with npm run devices:sim).`,
      { what },
    ),
  );
}

/** A device host with no hardware: lists nothing and refuses every device call with an actionable error. */
export function noDevices(): DeviceHost {
  return {
    list: () => Promise.resolve({ devices: [] }),
    status: ({ deviceId }) => none(`device "${deviceId}"`),
    print: () => none('receipt printer'),
    openDrawer: () => none('cash drawer'),
    paymentStart: () => none('payment terminal'),
    paymentStatus: () => none('payment terminal'),
    paymentAbort: () => none('payment terminal'),
    paymentReverse: () => none('payment terminal'),
    displayText: () => none('customer display'),
    scaleRead: () => none('scale'),
    subscribe: () => () => undefined,
    close: () => Promise.resolve(),
  };
}
