// The webpack build of every Nest app: one bundle, dist/apps/<app>/main.js, with the workspace
// libs compiled in and node_modules left external. The options (entry, tsconfig, output) come from
// the build target's defaults in nx.json; tsc compiles, for Nest's decorator metadata.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');

module.exports = {
  plugins: [new NxAppWebpackPlugin()],
};
