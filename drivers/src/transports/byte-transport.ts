/** Events of a byte-stream connection to a device. */
export interface ByteTransportEvents extends Record<string, unknown> {
  data: Uint8Array;
  /** The connection ended; `error` is set when it was not a requested close. */
  closed: { error?: Error };
}

/**
 * A bidirectional byte stream to one device (serial line, TCP socket, USB printer node). The only
 * layer that touches native modules and sockets; everything above speaks bytes.
 */
export interface ByteTransport {
  /** Names the device and where it is (`tcp 127.0.0.1:9100`), for error messages. */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves when the bytes were handed to the OS (drained), rejects with a DeviceError otherwise. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClosed(listener: (event: { error?: Error }) => void): () => void;
}
