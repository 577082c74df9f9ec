import { describe, expect, it } from 'vitest';
import { HotplugWatcher, listSerialPorts, parseUdevLine } from './enumerate';

describe('udev hot-plug', () => {
  it('parses udevadm monitor lines into device nodes', () => {
    expect(
      parseUdevLine(
        'UDEV  [12345.678901] add      /devices/pci0000:00/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0 (tty)',
      ),
    ).toEqual({ action: 'add', devNode: '/dev/ttyUSB0', subsystem: 'tty' });
    expect(
      parseUdevLine('UDEV  [1.2] remove   /devices/pci0000:00/usb1/1-2/1-2:1.0/usbmisc/lp0 (usbmisc)'),
    ).toEqual({ action: 'remove', devNode: '/dev/usb/lp0', subsystem: 'usbmisc' });
    expect(parseUdevLine('KERNEL[1.2] add /devices/x (tty)')).toBeUndefined();
    expect(parseUdevLine('UDEV  [1.2] add /devices/x/input5 (input)')).toBeUndefined();
  });

  it('reports hot-plug as unavailable, without crashing, when udevadm is missing', async () => {
    const watcher = new HotplugWatcher('/nonexistent/udevadm');
    const unavailable = watcher.events.once('unavailable', 2_000);
    watcher.start();
    const error = await unavailable;
    expect(error.code).toBe('enumeration.unavailable');
    expect(error.message).toMatch(/hot-plug: cannot list devices \(.*ENOENT.*install udev/);
    watcher.stop();
  });
});

describe('serial enumeration', () => {
  it('turns a missing udevadm into a clear enumeration error', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(listSerialPorts()).rejects.toMatchObject({
        code: 'enumeration.unavailable',
        message: expect.stringContaining('udevadm') as unknown,
      });
    } finally {
      process.env['PATH'] = path;
    }
  });
});
