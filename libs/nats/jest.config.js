module.exports = { displayName: 'nats', preset: '../../jest.preset.js', rootDir: __dirname };
