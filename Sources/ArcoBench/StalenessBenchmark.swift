import ArcoCore
import ArcoEngine
import ArcoTesting
import Foundation

/// Issue 6's targets: `staleness report` over 1,000 assets × 365 daily partitions with a random
/// materialization history, as the user runs it (a separate `arco` process).
enum StalenessBenchmark {
    /// - Parameter keep: leave the workspace for profiling, and print its path.
    static func run(arcoBinary arco: String, assets: Int = 1_000, days: Int = 365, keep: Bool = false) throws {
        let folder = try RunsBenchmark.workspace(yaml(assets: assets))
        defer { if keep { print("| workspace kept: \(folder) | | | |") } else { try? FileManager.default.removeItem(atPath: folder) } }
        let started = ContinuousClock.now
        let events = try populate(folder, assets: assets, days: days)
        let setup = started.duration(to: .now).components
        print("| setup: \(events) materializations recorded in \(setup.seconds) s | | | |")
        let partitions = assets * days
        // Half an hour into the day after the last of `days` daily partitions.
        func nowArguments(after extraDays: Int) -> [String] { ["--now", endDate(days + extraDays) + "T00:30:00Z"] }
        let now = nowArguments(after: 0)
        let report = ["--workspace", folder, "staleness", "report", "--json"] + now
        let page = report + ["--limit", "50"]
        let (full, fullKiB) = try RebuildBenchmark.measureWithPeakMemory(arco, report)
        RunsBenchmark.printRow(
            "`staleness report --json`, every row, no cached verdicts (peak RSS \(fullKiB / 1024) MiB)", partitions, full)
        let (warm, warmKiB) = try RebuildBenchmark.measureWithPeakMemory(arco, report)
        RunsBenchmark.printRow(
            "`staleness report --json`, every row, verdicts cached (peak RSS \(warmKiB / 1024) MiB)", partitions, warm)
        let firstPage = try RunsBenchmark.median(5) { try RebuildBenchmark.measure(arco, page).0 }
        RunsBenchmark.printRow("`staleness report --json --limit 50` with its summary, median of 5", partitions, firstPage)
        // A leaf asset materialized: only its own verdicts are computed again.
        var round = 0
        let afterLeaf = try RunsBenchmark.median(3) {
            round += 1
            try record(folder, asset: name(assets - 1), key: "2023-06-0\(round)", round: round)
            return try RebuildBenchmark.measure(arco, page).0
        }
        RunsBenchmark.printRow("the same page after a leaf partition is materialized, median of 3", partitions, afterLeaf)
        // The root materialized: every asset reads it, so every asset's verdicts are refreshed
        // at that partition and saved again.
        let afterRoot = try RunsBenchmark.median(3) {
            round += 1
            try record(folder, asset: name(0), key: "2023-06-0\(round)", round: round)
            return try RebuildBenchmark.measure(arco, page).0
        }
        RunsBenchmark.printRow(
            "the same page after a root partition is materialized (every asset refreshed), median of 3", partitions,
            afterRoot)
        let planArguments = ["--workspace", folder, "reconcile", "plan", "--json"] + now
        let warmPlan = try RunsBenchmark.median(3) { try RebuildBenchmark.measure(arco, planArguments).0 }
        RunsBenchmark.printRow("`reconcile plan --json` after the report (verdicts cached), median of 3", partitions, warmPlan)
        let coldPlan = try RunsBenchmark.median(3) {
            try StressCommands.engine(folder).store().clearStalenessCache()
            return try RebuildBenchmark.measure(arco, planArguments).0
        }
        try StressCommands.engine(folder).store().clearStalenessCache()
        let (_, planKiB) = try RebuildBenchmark.measureWithPeakMemory(arco, planArguments)
        RunsBenchmark.printRow(
            "`reconcile plan --json` with no verdict cached, median of 3 (peak RSS \(planKiB / 1024) MiB)", partitions,
            coldPlan)
        // A day later the set has one more key: every asset is refreshed at the new partition.
        var day = 0
        let nextDay = try RunsBenchmark.median(3) {
            day += 1
            let arguments = ["--workspace", folder, "staleness", "report", "--json", "--limit", "50"] + nowArguments(after: day)
            return try RebuildBenchmark.measure(arco, arguments).0
        }
        RunsBenchmark.printRow("the same page a day later (one more key per asset), median of 3 days", partitions, nextDay)
    }

    /// Records one more materialization of `asset`'s partition `key`.
    static func record(_ folder: String, asset: String, key: String, round: Int) throws {
        try StressCommands.engine(folder).record([
            EventDraft(AssetMaterialized(
                asset: asset, partition: key, runID: nil, stepKey: nil, attempt: nil,
                reportKey: "bench:again:\(asset):\(key):\(round)", codeVersion: nil, dataVersion: "again-\(round)",
                consumed: [])),
        ])
    }

    /// Asset `a0000` is a root; every other asset reads one or two earlier ones, all daily.
    static func yaml(assets: Int) -> String {
        var generator = SplitMixGenerator(seed: 6)
        var lines = [
            "version: 1", "partitions:",
            "  daily: { type: daily, start: 2023-01-01 }", "assets:",
        ]
        for index in 0..<assets {
            var deps: [String] = []
            if index > 0 {
                deps.append(name(Int.random(in: 0..<index, using: &generator)))
                if index > 1, Bool.random(using: &generator) {
                    deps.append(name(Int.random(in: 0..<index, using: &generator)))
                }
            }
            let depsText = Set(deps).isEmpty ? "" : ", deps: [\(Set(deps).sorted().joined(separator: ", "))]"
            // One asset in a hundred has a code version its materializations predate.
            let code = index % 100 == 7 ? ", code_version: \"2\"" : ""
            lines.append("  \(name(index)): { command: \"true\", partitions: daily\(depsText)\(code) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func name(_ index: Int) -> String { "a" + String(format: "%04d", index) }

    static func endDate(_ days: Int) -> String {
        let end = Timestamp(microsecondsSinceEpoch: Timestamp(iso8601: "2023-01-01T00:00:00Z")!.microsecondsSinceEpoch
            + Int64(days) * 86_400_000_000)
        return String(end.iso8601.prefix(10))
    }

    /// Records a random history: 90% of partitions materialized, each consuming its upstream
    /// partitions' current versions except one time in twenty (an older one, so stale). Each
    /// asset's partitions are materialized by one run, a step per partition, so that every
    /// materialized partition has a last attempt, as it does when `arco` ran it.
    static func populate(_ folder: String, assets: Int, days: Int) throws -> Int {
        let engine = StressCommands.engine(folder)
        let definitions = try engine.loadDefinitions()
        let keys = try engine.partitionKeys("daily", now: Timestamp(iso8601: endDate(days) + "T00:30:00Z"))
        var generator = SplitMixGenerator(seed: 42)
        var current: [AssetKey: [String: String]] = [:]
        var batch: [EventDraft] = []
        var recorded = 0
        func flush(atLeast size: Int) throws {
            guard batch.count >= size, !batch.isEmpty else { return }
            try engine.record(batch)
            batch.removeAll(keepingCapacity: true)
        }
        for asset in definitions.assetOrder {
            guard let definition = definitions.asset(asset) else { continue }
            let chosen = keys.filter { _ in Double.random(in: 0..<1, using: &generator) < 0.9 }
            let run = RunID("run_bench_\(asset.rawValue)")
            let steps = chosen.map { key in
                PlannedStep(stepKey: StepKey("\(asset.rawValue)[\(key)]"), asset: asset.rawValue, partition: key)
            }
            batch.append(EventDraft(RunRequested(
                runID: run, runKey: nil, fingerprint: "bench", selection: asset.rawValue,
                trigger: RunTrigger(kind: .manual), steps: steps)))
            var versions: [String: String] = [:]
            for (key, step) in zip(chosen, steps) {
                let consumed = definition.dependencies.map { dependency in
                    let upstream = current[dependency.asset]?[key]
                    let stale = Double.random(in: 0..<1, using: &generator) < 0.05
                    return ConsumedVersion(
                        asset: dependency.asset.rawValue, partition: key, dataVersion: stale ? "old" : upstream)
                }
                let version = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
                versions[key] = version
                let attemptID = AttemptID("att_\(asset.rawValue)_\(key)")
                batch.append(EventDraft(StepStarted(runID: run, stepKey: step.stepKey, attempt: 1, attemptID: attemptID)))
                batch.append(EventDraft(AssetMaterialized(
                    asset: asset.rawValue, partition: key, runID: run, stepKey: step.stepKey, attempt: 1,
                    reportKey: nil, codeVersion: nil, dataVersion: version, consumed: consumed)))
                batch.append(EventDraft(StepFinished(
                    runID: run, stepKey: step.stepKey, attempt: 1, attemptID: attemptID, outcome: .succeeded,
                    exitCode: 0)))
                recorded += 1
                try flush(atLeast: 6_000)
            }
            current[asset] = versions
        }
        try flush(atLeast: 0)
        return recorded
    }
}
