"""The benchmark harness: a deterministic bulk data generator (``bench_generate``) and the measurements."""
