// What the components' Jest tests share. A component re-renders only after its wires and Apex promises resolve, one
// microtask turn each, and some resolve in turn (a record whose field list depends on the config), so each test file
// says how many turns its component needs.
export async function flushMicrotasks(turns) {
  for (let i = 0; i < turns; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}
