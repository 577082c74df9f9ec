// `npm run devices:sim [-- --dir DIR --printer-port 9100]`: starts every simulator, writes the device
// config a terminal loads, prints where each listens, and takes commands on stdin to inject faults.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseThousandths } from '../protocols/weight';
import type { TerminalScenario } from './payment-terminal-sim';
import { startSimulators, type SimulatorSet } from './start-simulators';

const HELP = `commands:
  scan <code> [aim]            serial scanner reads a barcode (aim e.g. ]E0)
  weight <kg> [moving]         put weight on the scale (e.g. weight 1.234)
  paper out|in|low             printer paper state
  cover open|close             printer cover
  drawer close                 close the printer-port drawer (and the serial one)
  stall on|off | garbage | disconnect | drop-ack
  card approve|decline|timeout|lost-response|offline   payment scenario
  forward                      terminal forwards offline approvals
  status | help | quit`;

async function command(sims: SimulatorSet, line: string): Promise<string> {
  const [verb = '', arg = '', extra] = line.trim().split(/\s+/);
  switch (verb) {
    case 'scan':
      await sims.scanner.scan(arg, extra);
      return `scanned ${arg}`;
    case 'weight': {
      const value = parseThousandths(arg);
      if (value === undefined) return `not a weight: ${arg}`;
      sims.scale.place(value, extra === 'moving');
      return `scale shows ${arg} kg${extra === 'moving' ? ' (in motion)' : ''}`;
    }
    case 'paper':
      sims.printer.setState({ paperOut: arg === 'out', paperNearEnd: arg === 'low' || arg === 'out' });
      return `paper ${arg}`;
    case 'cover':
      sims.printer.setState({ coverOpen: arg === 'open' });
      return `cover ${arg}`;
    case 'drawer':
      sims.printer.setState({ drawerOpen: false });
      sims.drawer.closeDrawer();
      return 'drawers closed';
    case 'stall':
      sims.printer.setState({ stalled: arg === 'on' });
      return `printer stall ${arg}`;
    case 'garbage':
      sims.printer.injectGarbage();
      return 'garbage sent';
    case 'disconnect':
      sims.printer.disconnectAll();
      return 'printer connections dropped';
    case 'drop-ack':
      sims.printer.dropNextAcks(1);
      return 'next print acknowledgement will be lost';
    case 'card':
      sims.terminal.scenario = arg as TerminalScenario;
      return `payment terminal: ${arg}`;
    case 'forward':
      return `forwarded ${sims.terminal.forwardOffline()} offline approvals`;
    case 'status':
      return JSON.stringify(
        {
          printer: sims.printer.state,
          receipts: sims.printer.receipts.length,
          charges: sims.terminal.charges.length,
          display: sims.display.lines,
          drawerOpen: sims.drawer.open,
        },
        null,
        2,
      );
    case 'help':
    case '':
      return HELP;
    default:
      return `unknown command "${verb}"\n${HELP}`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      'printer-port': { type: 'string' },
      'terminal-port': { type: 'string' },
    },
  });
  const dir = values.dir ?? join(tmpdir(), `store-os-devices-${process.pid}`);
  const sims = await startSimulators({
    dir,
    ...(values['printer-port'] ? { printerPort: Number(values['printer-port']) } : {}),
    ...(values['terminal-port'] ? { terminalPort: Number(values['terminal-port']) } : {}),
  });
  sims.printer.events.on('receipt', (r) =>
    console.log(`[printer] receipt ${r.index} (${r.cut} cut) -> ${r.svgPath ?? '(not saved)'}`),
  );
  sims.printer.events.on('kick', () => console.log('[printer] drawer kicked open'));
  console.log('Device simulators running:');
  console.table([
    { device: 'receipt printer (ESC/POS)', where: `tcp ${sims.printer.host}:${sims.printer.port}` },
    { device: 'drawer on printer port', where: 'printer kick-out connector' },
    { device: 'payment terminal (nexo)', where: sims.terminal.url },
    { device: 'serial scanner', where: sims.scanner.devicePath },
    { device: 'scale (Toledo 8217)', where: sims.scale.devicePath },
    { device: 'pole display 2x20', where: sims.display.devicePath },
    { device: 'serial cash drawer', where: sims.drawer.devicePath },
  ]);
  console.log(
    `Device config: ${sims.configPath}\nReceipts (SVG): ${sims.receiptsDir}\nHID POS scanner: in-process only (faked at the transport seam).\n${HELP}`,
  );
  const shutdown = async (): Promise<void> => {
    await sims.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() === 'quit') {
      void shutdown();
      return;
    }
    command(sims, line).then(console.log, (error: unknown) => console.error(error));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
