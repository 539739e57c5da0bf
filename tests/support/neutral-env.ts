// Every test starts from a developer's environment, whatever pipeline runs the suite: the CLI
// switches to CI mode on CI=true and writes to GitHub Actions' files, which only the tests of CI
// mode ask for, by setting them.
for (const name of ['CI', 'GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE', 'GITHUB_TOKEN']) {
  delete process.env[name];
}
