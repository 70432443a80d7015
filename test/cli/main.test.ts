// The `clusterset` dispatcher: help and version, unknown commands with a did-you-mean, what a command throws
// turned into a message and exit 2, colour switches, and the real process wiring.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliCommand, ExitCode } from '../../lib/cli/command';
import { COMMANDS } from '../../lib/cli/commands';
import { closest, colorWanted, main } from '../../lib/cli/main';
import { OutputError } from '../../lib/cli/output';
import { captureIo } from '../support/cli-io';

const ROOT = path.resolve(__dirname, '../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A command that throws what it is given, to see how main reports it. */
function throwing(error: unknown): CliCommand {
  return { name: 'boom', summary: 'throws', help: 'usage: clusterset boom', run: () => Promise.reject(error) };
}

describe('clusterset', () => {
  test.each([[[]], [['--help']], [['-h']], [['help']]])('%j lists every command with its summary, and exits 0', async (argv: string[]) => {
    const cli = captureIo();
    expect(await main(argv, cli.io)).toBe(ExitCode.OK);
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['plan', 'synth']));
    for (const c of COMMANDS) expect(cli.out()).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()×]/g, '.')}$`, 'm'));
    expect(cli.out()).toContain('Exit codes: 0 done, 1 something flagged, 2 wrong command line or unreadable input.');
    expect(cli.err()).toBe('');
  });

  test.each(COMMANDS.map((c) => [c.name]))('%s --help prints the command\'s help, whatever else is on the line', async (name) => {
    const help = COMMANDS.find((c) => c.name === name)?.help;
    for (const argv of [[name, '--help'], [name, '--dir', 'x', '-h'], ['help', name]]) {
      const cli = captureIo();
      expect(await main(argv, cli.io)).toBe(ExitCode.OK);
      expect(cli.out().trimEnd()).toBe(help?.trimEnd());
    }
  });

  test('--version prints the package\'s version', async () => {
    const cli = captureIo();
    expect(await main(['--version'], cli.io)).toBe(ExitCode.OK);
    expect(cli.out()).toBe(`clusterset ${VERSION}\n`);
  });

  test('an unknown command exits 2 with the known ones and the nearest', async () => {
    const cli = captureIo();
    expect(await main(['plna', '--dir', 'dist'], cli.io)).toBe(ExitCode.USAGE);
    expect(cli.err()).toBe(`clusterset: unknown command "plna"; did you mean "plan"? Commands: ${COMMANDS.map((c) => c.name).join(', ')}; see clusterset --help\n`);
    expect(cli.out()).toBe('');
    const far = captureIo();
    expect(await main(['deploy'], far.io)).toBe(ExitCode.USAGE);
    expect(far.err()).toMatch(/^clusterset: unknown command "deploy". Commands: /);
    const option = captureIo();
    expect(await main(['--frobnicate'], option.io)).toBe(ExitCode.USAGE);
    expect(option.err()).toMatch(/^clusterset: unknown option "--frobnicate". Commands: /);
  });

  test('did-you-mean: typos and prefixes, not unrelated words', () => {
    const known = ['plan', 'synth', 'explain', 'graph', 'validate', 'diff'];
    expect(closest('pln', known)).toBe('plan');
    expect(closest('snyth', known)).toBe('synth');
    expect(closest('val', known)).toBe('validate');
    expect(closest('Graph', known)).toBe('graph');
    expect(closest('deploy', known)).toBeUndefined();
    expect(closest('x', known)).toBeUndefined();
  });

  test('an unknown option of a command exits 2, naming the option and the command\'s help', async () => {
    const cli = captureIo();
    expect(await main(['plan', '--colour'], cli.io)).toBe(ExitCode.USAGE);
    expect(cli.err()).toBe('clusterset plan: Unknown option \'--colour\'; see clusterset plan --help\n');
  });

  test('an OutputError is the command\'s message, exit 2', async () => {
    const cli = captureIo();
    expect(await main(['boom'], cli.io, { commands: [throwing(new OutputError('dist/clusterset.plan.json does not exist; synthesize'))] })).toBe(ExitCode.USAGE);
    expect(cli.err()).toBe('clusterset boom: dist/clusterset.plan.json does not exist; synthesize\n');
  });

  test('any other error is one line saying it is internal and what to report; the stack only with CLUSTERSET_DEBUG=1', async () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'name')\nmore");
    const plain = captureIo();
    expect(await main(['boom'], plain.io, { commands: [throwing(error)], env: {} })).toBe(ExitCode.USAGE);
    expect(plain.err()).toBe(
      `clusterset boom: internal error: TypeError: Cannot read properties of undefined (reading 'name'); please report it to the clusterset maintainers ` +
        `with the command line, clusterset ${VERSION} and this message (run again with CLUSTERSET_DEBUG=1 for the stack)\n`,
    );
    expect(plain.err().split('\n')).toHaveLength(2);
    const debug = captureIo();
    expect(await main(['boom'], debug.io, { commands: [throwing(error)], env: { CLUSTERSET_DEBUG: '1' } })).toBe(ExitCode.USAGE);
    expect(debug.err()).toContain(`    at `);
    const odd = captureIo();
    expect(await main(['boom'], odd.io, { commands: [throwing('a string')], env: {} })).toBe(ExitCode.USAGE);
    expect(odd.err()).toMatch(/^clusterset boom: internal error: Error: a string; /);
  });

  test('--no-color anywhere before -- turns colour off for the command, and is not passed to it', async () => {
    let seen: { args: readonly string[]; color: boolean } | undefined;
    const spy: CliCommand = {
      name: 'spy',
      summary: 'records',
      help: 'usage: clusterset spy',
      run: (args, io) => {
        seen = { args, color: io.color };
        return Promise.resolve(ExitCode.OK);
      },
    };
    await main(['spy', '--a', '--no-color', 'b'], captureIo({ color: true }).io, { commands: [spy] });
    expect(seen).toEqual({ args: ['--a', 'b'], color: false });
    await main(['spy', '--', '--no-color'], captureIo({ color: true }).io, { commands: [spy] });
    expect(seen).toEqual({ args: ['--', '--no-color'], color: true });
    const styled = captureIo({ color: true });
    await main(['--help'], styled.io, { commands: [spy] });
    expect(styled.out()).toContain('\u001b[1mclusterset\u001b[22m');
    const plain = captureIo({ color: true });
    await main(['--help', '--no-color'], plain.io, { commands: [spy] });
    expect(plain.out()).not.toContain('\u001b[');
  });

  test('colour: a terminal, no --no-color, NO_COLOR unset or empty', () => {
    expect(colorWanted([], {}, true)).toBe(true);
    expect(colorWanted([], { NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted([], {}, false)).toBe(false);
    expect(colorWanted(['plan', '--no-color'], {}, true)).toBe(false);
    expect(colorWanted(['plan', '--', '--no-color'], {}, true)).toBe(true);
    expect(colorWanted([], { NO_COLOR: '1' }, true)).toBe(false);
  });

  test('as a process: the exit code, stdout and stderr, no colour when piped', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'lib/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CLUSTERSET_DEBUG: '' } });
    const unknown = run(['plna']);
    expect([unknown.status, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toContain('did you mean "plan"?');
    const help = run(['--help']);
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('usage: clusterset <command> [options]');
    expect(help.stdout).not.toContain('\u001b[');
  }, 60_000);

  test('the source starts with a shebang, so the built file runs as the package\'s bin', () => {
    expect(fs.readFileSync(path.join(ROOT, 'lib/cli/main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin).toEqual({
      'clusterset-preview': 'build/lib/pulumi/preview/cli.js',
      clusterset: 'build/lib/cli/main.js',
    });
  });
});
