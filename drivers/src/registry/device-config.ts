import Type from 'typebox';

const Name = Type.String({ minLength: 1, pattern: '^[a-z0-9][a-z0-9-]*$' });

const Serial = Type.Object(
  {
    type: Type.Literal('serial'),
    path: Type.String({ minLength: 1 }),
    baudRate: Type.Optional(Type.Integer({ minimum: 300, maximum: 921600 })),
    dataBits: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(8)])),
    parity: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('even'), Type.Literal('odd')])),
    stopBits: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
    flowControl: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('rtscts'), Type.Literal('xonxoff')]),
    ),
  },
  { additionalProperties: false },
);
const Tcp = Type.Object(
  {
    type: Type.Literal('tcp'),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
  },
  { additionalProperties: false },
);
const UsbLp = Type.Object(
  { type: Type.Literal('usb-lp'), path: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
const Hid = Type.Object(
  {
    type: Type.Literal('hid'),
    path: Type.Optional(Type.String({ minLength: 1 })),
    vendorId: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffff })),
    productId: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffff })),
  },
  { additionalProperties: false },
);
const Http = Type.Object(
  { type: Type.Literal('http'), url: Type.String({ pattern: '^https?://' }) },
  { additionalProperties: false },
);
const PrinterPort = Type.Object(
  { type: Type.Literal('printer-port'), printer: Name },
  { additionalProperties: false },
);

const ScannerConfig = Type.Object(
  {
    name: Name,
    kind: Type.Literal('scanner'),
    transport: Type.Union([Serial, Hid]),
    framing: Type.Optional(
      Type.Union([Type.Literal('cr'), Type.Literal('crlf'), Type.Literal('lf'), Type.Literal('stx-etx')]),
    ),
  },
  { additionalProperties: false },
);
const PrinterConfig = Type.Object(
  {
    name: Name,
    kind: Type.Literal('receipt-printer'),
    transport: Type.Union([Tcp, Serial, UsbLp]),
    printerModel: Type.Optional(Type.String()),
    columns: Type.Optional(Type.Integer({ minimum: 16, maximum: 80 })),
    asb: Type.Optional(Type.Boolean()),
    fallback: Type.Optional(Name),
  },
  { additionalProperties: false },
);
const DrawerConfig = Type.Object(
  {
    name: Name,
    kind: Type.Literal('cash-drawer'),
    transport: Type.Union([PrinterPort, Serial]),
    pin: Type.Optional(Type.Union([Type.Literal(2), Type.Literal(5)])),
    polarity: Type.Optional(Type.Union([Type.Literal('high-is-open'), Type.Literal('low-is-open')])),
  },
  { additionalProperties: false },
);
const TerminalConfig = Type.Object(
  {
    name: Name,
    kind: Type.Literal('payment-terminal'),
    transport: Http,
    poiId: Type.String({ minLength: 1 }),
    offline: Type.Optional(
      Type.Object(
        {
          allowed: Type.Boolean(),
          maxCount: Type.Integer({ minimum: 0 }),
          maxTotalMinor: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const ScaleConfig = Type.Object(
  {
    name: Name,
    kind: Type.Literal('scale'),
    transport: Serial,
    protocol: Type.Union([Type.Literal('toledo-8217'), Type.Literal('cas')]),
    unit: Type.Optional(Type.Union([Type.Literal('kg'), Type.Literal('lb')])),
  },
  { additionalProperties: false },
);
const DisplayConfig = Type.Object(
  { name: Name, kind: Type.Literal('line-display'), transport: Serial },
  { additionalProperties: false },
);

const DeviceConfigSchema = Type.Union([
  ScannerConfig,
  PrinterConfig,
  DrawerConfig,
  TerminalConfig,
  ScaleConfig,
  DisplayConfig,
]);

/**
 * JSON Schema of the per-terminal device config (which device on which transport with which settings).
 * The simulator CLI writes one; the terminal host loads it with `parseDeviceConfig`.
 */
export const TerminalDevicesSchema = Type.Object(
  {
    version: Type.Literal(1),
    terminalId: Type.String({ minLength: 1 }),
    devices: Type.Array(DeviceConfigSchema),
  },
  { additionalProperties: false },
);

/** The device config of one terminal. */
export type TerminalDevicesConfig = Type.Static<typeof TerminalDevicesSchema>;
/** One device entry of the config. */
export type DeviceConfig = Type.Static<typeof DeviceConfigSchema>;
/** A transport entry of the config. */
export type TransportConfig = DeviceConfig['transport'];
