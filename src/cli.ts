import { Command, CommanderError } from 'commander';
import { InputError, UsageError } from './errors.js';
import { registerInspect } from './commands/inspect.js';
import { registerCheck } from './commands/check.js';
import { registerRules } from './commands/rules.js';
import { VERSION } from './version.js';

/** Exit codes: 0 clean, 1 findings reach --fail-on, 2 unreadable input or bad usage. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('budget-audit')
    .description('Audit a department budget disclosure workbook (部门预算公开 部门公开表01–23).')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  registerInspect(program, setExit);
  registerCheck(program, setExit);
  registerRules(program, setExit);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; anything else commander rejects is usage.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`budget-audit: ${oneLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
