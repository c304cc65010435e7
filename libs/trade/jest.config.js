module.exports = { displayName: 'trade', preset: '../../jest.preset.js', rootDir: __dirname };
