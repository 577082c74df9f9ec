/** Events of a HID device link. */
export interface HidTransportEvents extends Record<string, unknown> {
  /** One input report, report ID first when the device uses numbered reports. */
  report: Uint8Array;
  closed: { error?: Error };
}

/**
 * The HID seam: a device that delivers input reports. The node-hid implementation talks to hidraw;
 * the fake (used by the HID scanner simulator and tests) is fed reports directly, since a container
 * has no /dev/uhid to create a virtual device with.
 */
export interface HidTransport {
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Sends an output report (e.g. a beep or enable command), report ID first. */
  write(report: Uint8Array): Promise<void>;
  onReport(listener: (report: Uint8Array) => void): () => void;
  onClosed(listener: (event: { error?: Error }) => void): () => void;
}
