/** The simulated cluster used by the demo, the tests and the benchmarks. */
package app.octokube.sim;
