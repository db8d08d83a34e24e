import { defineConfig } from 'vitest/config';

// End-to-end tests against the real stack: the IDE in Chromium, the real Backend, Agent and
// simulated cluster. app/src/test/java/app/octokube/app/StackE2EIT.java starts the stack and runs
// this with the two addresses below; on its own it has nothing to test against.
for (const name of ['OCTOKUBE_STACK_URL', 'OCTOKUBE_STACK_CONTROL']) {
  if (!process.env[name]) {
    throw new Error(
      `${name} is not set: run the stack suite through StackE2EIT ` +
        '(./mvnw verify -pl app -Dit.test=StackE2EIT), which starts the stack and sets it',
    );
  }
}

export default defineConfig({
  test: {
    include: ['e2e/stack/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
