import ArcoStore
import ArcoTesting
import Foundation

/// `arco-bench postgres-roundtrip [--url URL] [--iterations N]`: what one statement costs
/// through the PostgreSQL session's synchronous bridge, over the Unix socket and over TCP.
///
/// Without `--url` it starts the throwaway test cluster (fsync on) and measures both
/// transports; with one, only that server. Not a timed test: the figures depend on the disk.
enum PostgresRoundTripBenchmark {
    static func run(_ arguments: [String]) throws {
        let iterations = Benchmarks.optionString("--iterations", in: arguments).flatMap(Int.init) ?? 2_000
        var targets = [(String, String)]()
        if let url = Benchmarks.optionString("--url", in: arguments) {
            targets.append(("given URL", url))
        } else {
            let cluster = try PostgresTestCluster.shared()
            print("test cluster started in \(String(format: "%.2f", cluster.startSeconds)) s")
            let database = try cluster.createDatabase(name: "bench")
            targets.append(("Unix socket", database.socketURL))
            targets.append(("TCP 127.0.0.1", database.tcpURL()))
        }
        print("| transport | measurement | µs per operation |")
        print("|---|---|---:|")
        for (transport, url) in targets {
            for figure in try PostgresRoundTripProbe.measure(url: url, iterations: iterations) {
                print("| \(transport) | \(figure.name) (\(iterations)×) | \(String(format: "%.1f", figure.microsecondsPerOperation)) |")
            }
        }
    }
}
