// `npx jest` runs every project's tests in one run (what `npm test` does); `nx test <project>` one project's.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({ projects: await getJestProjectsAsync() });
