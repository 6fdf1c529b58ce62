import type { Command } from 'commander';

/** Placeholder until the check command lands. */
export function registerCheck(program: Command, _setExit: (code: number) => void): void {
  program.command('check').description('(not yet implemented)');
}
