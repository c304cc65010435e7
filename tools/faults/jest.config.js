module.exports = { displayName: 'faults', preset: '../../jest.preset.js', rootDir: __dirname };
