import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest browser journeys, longest first (CI on 2026-12-07: the route walk 517 s, the forms
 * 196 s, the visual checks 169 s; most others 20–130 s). Vitest starts the files it has no
 * timings for largest first; on a fresh clone that started the walk twelfth, and the other core
 * ran out of files before it ended. Started first, the other journeys fill the cores around it.
 */
const LONGEST = [/\/walk\.e2e\.test\.ts$/, /\/forms\.e2e\.test\.ts$/, /\/visuals\.e2e\.test\.ts$/];

export class LongestFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((re) => re.test(f.moduleId));
      return i === -1 ? LONGEST.length : i;
    };
    // Array sort is stable: the rest keep vitest's own order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
