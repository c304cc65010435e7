module.exports = { displayName: 'system-e2e', preset: '../../jest.preset.js', rootDir: __dirname };
