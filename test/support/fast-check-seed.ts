import fc from 'fast-check';

/**
 * Property tests run from one fixed seed by default, so that `npm test` (and
 * CI) gives the same answer on every run; `FAULTLINE_FC_SEED=random` (or a
 * number) explores other inputs, which is how new counterexamples are found
 * (`npm run test:soak`). A failure prints its seed and path for replay.
 */
const requested = process.env.FAULTLINE_FC_SEED;
const DEFAULT_SEED = 20_261_127;

if (requested !== 'random') {
  const seed = requested === undefined || requested === '' ? DEFAULT_SEED : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FAULTLINE_FC_SEED must be an integer or "random", got ${JSON.stringify(requested)}`);
  fc.configureGlobal({ seed });
}
