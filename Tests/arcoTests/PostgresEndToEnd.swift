import ArcoCore
import ArcoTesting
import Foundation

/// What the PostgreSQL end-to-end tests share: a fresh database of the throwaway server for each
/// test, and reading what `arco` printed.
enum PostgresEndToEnd {
    /// A new, empty database on the shared test server (started on first use, never skipped).
    static func database(_ name: String) throws -> PostgresTestDatabase {
        try PostgresTestCluster.shared().createDatabase(name: name)
    }

    /// The non-empty lines of a text.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    /// The `detail` of `arco doctor --json`'s check called `name`.
    static func doctorDetail(_ doctor: JSONValue, check name: String) -> String? {
        doctor["checks"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["detail"]?.stringValue
    }

    /// The run ids `arco status --json` lists, as a set.
    static func runIDs(_ status: JSONValue) -> Set<String> {
        Set((status["runs"]?.arrayValue ?? []).compactMap { $0["run_id"]?.stringValue })
    }

    /// Seconds since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
