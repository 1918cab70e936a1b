// HollowBench: the benchmarks behind `hollow bench`.
//
// `APIServerBenchmark` (`hollow bench apiserver`) starts a whole cluster in this process (a `LocalCluster` on a
// temporary data directory, HTTPS on 127.0.0.1) and drives it over real HTTPS connections, one method a phase:
//
//   APIServerBenchmark.swift            configuration, the order of the phases, starting and stopping the cluster
//   APIServerBenchmark+Ceilings.swift   what the figures are held against: /healthz, SQLite, byte transfer
//   APIServerBenchmark+Requests.swift   creates, updates and gets per second
//   APIServerBenchmark+List.swift       LIST of many nodes
//   APIServerBenchmark+Watch.swift      watch delivery latency under a paced writer
//   APIServerBenchmark+Storage.swift    resident memory with many objects, cold start
//   APIServerBenchmark+Report.swift     the table and the verdicts
//
// Underneath: `BenchClient` (AsyncHTTPClient, HTTP/1.1 keep-alive, the cluster CA, the admin token), `LoadLoop`
// (bounded closed-loop workers), `LatencySamples` (exact percentiles), `Fixtures` (request bodies),
// `ResponseScan` (the few bytes the benchmark reads from responses), `ProcessMemory` (VmRSS) and `CPUMeter`
// (cores used by this process and by every other process during a phase: the machine is shared).
//
// Every figure is printed beside a ceiling measured in the same run on the same machine, so a reader can tell
// "the server is slow" from "this machine is slow". Requests only ever go to the benchmark's own cluster on
// 127.0.0.1, and every loop is bounded in count and time.
