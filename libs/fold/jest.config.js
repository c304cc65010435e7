module.exports = { displayName: 'fold', preset: '../../jest.preset.js', rootDir: __dirname };
