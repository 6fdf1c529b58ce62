import type { Command } from 'commander';

/** Placeholder until the rules command lands. */
export function registerRules(program: Command, _setExit: (code: number) => void): void {
  program.command('rules').description('(not yet implemented)');
}
