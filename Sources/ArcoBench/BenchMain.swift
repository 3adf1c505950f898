import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation

/// `arco-bench`: the benchmark and stress driver kept in the repository (`make bench`).
///
/// Subcommands:
/// - `all [--events N] [--rebuild-events N]`: every measurement, as Markdown rows.
/// - `append-loop WORKSPACE PREFIX`: appends one event per transaction forever, printing each
///   committed idempotency key (the crash test kills it with SIGKILL).
/// - `append-keys WORKSPACE KEY...`: appends one event per key, one transaction each (the
///   concurrency test runs several at once with overlapping keys).
/// - `fill WORKSPACE N`: appends N generated events in batches of 1,000 (rebuild benchmarks).
/// - `partitions --arco PATH`: only the partition key, `partitions list` and `asset show` rows.
/// - `runs --arco PATH`: `arco run` and `arco status` timings (issue 4's targets).
/// - `backfills --arco PATH`: creating, planning, showing and executing backfills (issue 5's).
/// - `reconcile --arco PATH`: `reconcile run` of 1,000 trivial runs and 200 waiting ones, one and
///   four at once, with the ceiling the cores put on the trivial ones.
/// - `staleness --arco PATH [--keep]`: the staleness report over 1,000 assets × 365 partitions
///   (issue 6's); `--keep` leaves the workspace for profiling.
/// - `schedules --arco PATH`: `schedule preview` and `schedule tick` over 1,000 schedules
///   (issue 18's targets).
/// - `sensors --arco PATH`: `sensor push` as processes and in one process, and `sensor eval`
///   over 200 poll sensors none due (issue 19's targets).
/// - `daemon --arco PATH`: a daemon pass over 200 schedules and 200 sensors with nothing due, and
///   an idle `arco daemon` process's CPU and memory (issue 20's targets).
/// - `postgres-roundtrip [--url URL] [--iterations N]`: the PostgreSQL session's cost per
///   statement over a Unix socket and TCP (issue 21), on a throwaway server unless a URL is given.
/// - `postgres-append [--url URL] [--events N] [--singles N] [--writers N]`: append+fold on a
///   PostgreSQL store, batched and one event per durable commit, beside SQLite (issue 21).
/// - `postgres-workers --arco PATH [--url URL] [--runs N] [--workers N]`: N worker processes on
///   N pretend hosts draining queued runs from one PostgreSQL store, beside SQLite (issue 21).
/// - `postgres-reads --arco PATH [--url URL] [--assets N] [--days N]`: `status` and `staleness
///   report` on the same ledger in SQLite and PostgreSQL (issue 21).
@main
struct BenchMain {
    static func main() {
        do {
            try dispatch()
        } catch {
            FileHandle.standardError.write(Data("arco-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func dispatch() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: arco-bench all|append|append-loop|append-keys|fill|partitions|runs|backfills|staleness|reconcile|schedules|sensors|daemon|postgres-roundtrip|postgres-append|postgres-workers|postgres-reads ...\n".utf8))
            exit(64)
        }
        let command = arguments.removeFirst()
        switch command {
        case "all": try Benchmarks.runAll(arguments)
        case "append": try Benchmarks.runAppend(arguments)
        case "append-loop": try StressCommands.appendLoop(arguments)
        case "append-keys": try StressCommands.appendKeys(arguments)
        case "fill": try StressCommands.fill(arguments)
        case "partitions":
            try PartitionsBenchmark.run(keys: 1_000_000, arcoBinary: Benchmarks.optionString("--arco", in: arguments))
        case "backfills":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("backfills --arco PATH")
            }
            try BackfillsBenchmark.run(arcoBinary: arco)
        case "reconcile":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("reconcile --arco PATH")
            }
            try ReconcileBenchmark.run(arcoBinary: arco)
        case "staleness":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("staleness --arco PATH")
            }
            try StalenessBenchmark.run(arcoBinary: arco, keep: arguments.contains("--keep"))
        case "sensors":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("sensors --arco PATH")
            }
            try SensorsBenchmark.run(arcoBinary: arco)
        case "daemon":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("daemon --arco PATH")
            }
            try DaemonBenchmark.run(arcoBinary: arco)
        case "schedules":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("schedules --arco PATH")
            }
            try SchedulesBenchmark.run(arcoBinary: arco)
        case "postgres-roundtrip": try PostgresRoundTripBenchmark.run(arguments)
        case "postgres-append": try PostgresAppendBenchmark.run(arguments)
        case "postgres-workers": try PostgresWorkersBenchmark.run(arguments)
        case "postgres-reads": try PostgresReadsBenchmark.run(arguments)
        case "runs":
            guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
                throw StressError.usage("runs --arco PATH")
            }
            try RunsBenchmark.run(arcoBinary: arco)
        default:
            FileHandle.standardError.write(Data("unknown command '\(command)'\n".utf8))
            exit(64)
        }
    }
}
