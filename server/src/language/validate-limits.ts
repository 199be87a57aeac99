import type { ElementModel } from './model';
import type { Reporter } from './validate-context';

/** The spec's limit (§2) on basic events: component instances, CCF events and standby groups. */
export const MAX_BASIC_EVENTS = 1_000_000;

/**
 * Counts basic events in declaration order and reports the element at which
 * the model crosses the limit. Components without a law are no events;
 * standby members are folded into their group's one event.
 */
export function checkEventLimit(elements: ReadonlyMap<string, ElementModel>, report: Reporter): void {
  const standbyMembers = new Set<string>();
  elements.forEach((element) => {
    if (element.kind === 'group' && element.body.kind === 'standby') for (const m of element.body.standby.members) standbyMembers.add(m);
  });
  let total = 0;
  let crossing: ElementModel | undefined;
  elements.forEach((element) => {
    total += eventsOf(element, standbyMembers);
    if (total > MAX_BASIC_EVENTS && !crossing) crossing = element;
  });
  if (!crossing) return;
  report.error(
    'too-many-events',
    `the model has ${total.toLocaleString('en-US')} basic events (component instances, common-cause events and standby groups); the limit is 1,000,000, reached at '${crossing.name}'`,
    crossing.origin.uri,
    crossing.origin.name.span,
    { data: { events: total } },
  );
}

function eventsOf(element: ElementModel, standbyMembers: ReadonlySet<string>): number {
  const ccf = element.ccfBeta !== undefined ? 1 : 0;
  if (element.kind === 'group') return ccf + (element.body.kind === 'standby' ? 1 : 0);
  // A broken law leaves `law` undefined; the model has errors then, so the count needs no precision.
  if (element.law === undefined || standbyMembers.has(element.name)) return ccf;
  return element.replicas + ccf;
}
