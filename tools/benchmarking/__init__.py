"""What the benchmark scripts (tools/bench, tools/bench-vs-dsdsim, tools/bench-dynamic-network) share."""
