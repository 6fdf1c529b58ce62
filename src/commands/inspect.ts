import type { Command } from 'commander';

/** Placeholder until the inspect command lands. */
export function registerInspect(program: Command, _setExit: (code: number) => void): void {
  program.command('inspect').description('(not yet implemented)');
}
