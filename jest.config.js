// `npx jest` runs every project's tests in one run (what `npm test` does); `nx test <project>` one project's.
const { getJestProjectsAsync } = require('@nx/jest');
const { testTimeout } = require('./jest.preset.js');

// The timeout is a setting of the run, not of a project: given here too.
module.exports = async () => ({ projects: await getJestProjectsAsync(), testTimeout });
