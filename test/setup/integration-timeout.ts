// Integration tests wait on real brokers and databases on a shared 2-core machine. Jest ignores
// `testTimeout` in a project's config, so the integration project sets it here.
jest.setTimeout(120_000);
