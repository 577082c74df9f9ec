import type { ByteTransport } from '../transports/byte-transport';
import { SerialTransport } from '../transports/serial-transport';
import { TcpTransport } from '../transports/tcp-transport';
import { UsbLpTransport } from '../transports/usb-lp-transport';
import type { TransportConfig } from './device-config';

/** The byte transport a config entry names (serial, TCP or USB printer class). */
export function createByteTransport(config: TransportConfig): ByteTransport {
  switch (config.type) {
    case 'serial':
      return new SerialTransport(config);
    case 'tcp':
      return new TcpTransport({ host: config.host, port: config.port });
    case 'usb-lp':
      return new UsbLpTransport({ path: config.path });
    case 'hid':
    case 'http':
    case 'printer-port':
      throw new RangeError(`${config.type} is not a byte-stream transport`);
  }
}
