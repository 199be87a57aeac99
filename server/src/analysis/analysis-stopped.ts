/**
 * Thrown at a checkpoint of the engine when its caller said stop (the
 * language server's worker: a newer version of the model made this run
 * stale). Never reaches a user: the worker answers "stopped" and stays warm.
 */
export class AnalysisStopped extends Error {
  constructor() {
    super('analysis stopped: a newer version of the model replaced it');
    this.name = 'AnalysisStopped';
  }
}
