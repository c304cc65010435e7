module.exports = { displayName: 'ingest', preset: '../../jest.preset.js', rootDir: __dirname };
