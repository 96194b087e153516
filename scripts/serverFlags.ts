/**
 * Node flags the app's server runs with, wherever it is started (npm start, the end-to-end tests,
 * the benchmarks). A 10,000-client race allocates about 30 MB while all of its clients are
 * waiting; with V8's default 16 MB semi-spaces the young generation filled twice per race and
 * copied every waiting client each time, about a third of the race's CPU on a 2-core machine.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
