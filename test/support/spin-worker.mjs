// A piscina worker for the isolation tests: a task whose path names "spin" never ends, "hog" allocates
// without end; any other gives a plain report.
export default function run(task) {
  if (task.path.includes('spin')) for (;;);
  if (task.path.includes('hog')) {
    const keep = [];
    for (;;) keep.push(new Array(1 << 16).fill(keep.length));
  }
  return { path: task.path, tables: [], summary: { checks: 1, passed: 1, error: 0, warning: 0, rounding: 0, info: 0 }, findings: [], notRun: [] };
}
