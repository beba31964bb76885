module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Check tests are titled by the check id constant.
    'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
  },
});
