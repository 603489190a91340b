/** Test factories: valid pathway inputs without leaning on the demo seed. */
import { StepSchema, type Step, type StepInput } from './pathways.schema';

export function makeStep(key: string, extra: Partial<StepInput> = {}): Step {
  return StepSchema.parse({ key, kind: 'service', title: key.toUpperCase(), ...extra });
}

/** A straight pathway a → b → … with the given keys; the last one an exit. */
export function makeSteps(keys: string[]): Step[] {
  return keys.map((k, i) => makeStep(k, { kind: i === 0 ? 'entry' : i === keys.length - 1 ? 'exit' : 'service', next: keys[i + 1] ? [{ to: keys[i + 1]!, condition: '' }] : [] }));
}
