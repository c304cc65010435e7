module.exports = { displayName: 'cluster', preset: '../../jest.preset.js', rootDir: __dirname };
