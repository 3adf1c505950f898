import ArcoCore
import Testing

/// The executor's pure decisions: readiness, reports, log names, step environment, versions, retries.
@Suite struct ExecutionDecisionTests {
    static func row(_ key: String, deps: [String] = [], status: StepStatus = .pending) -> StepRow {
        StepRow(
            runID: "r", stepKey: StepKey(key), position: 0, asset: key, partition: nil, partitionRange: [],
            dependsOn: deps.map(StepKey.init), status: status)
    }

    @Test("steps become ready as their dependencies succeed; a failure abandons everything below it")
    func scheduler() {
        var scheduler = StepScheduler(steps: [
            Self.row("a"), Self.row("b", deps: ["a"]), Self.row("c", deps: ["b"]), Self.row("d"), Self.row("e", deps: ["a", "d"]),
        ])
        #expect(scheduler.nextReady() == "a")
        #expect(scheduler.nextReady() == "d")
        #expect(scheduler.nextReady() == nil)
        scheduler.finish("a", succeeded: true)
        #expect(scheduler.nextReady() == "b")
        #expect(scheduler.nextReady() == nil, "e still waits for d")
        #expect(scheduler.finish("b", succeeded: false) == ["c"], "the newly abandoned steps, for the progress display")
        #expect(scheduler.abandoned == ["c"])
        #expect(scheduler.finish("c", succeeded: false) == [], "an abandoned step is reported once")
        scheduler.finish("d", succeeded: true)
        #expect(scheduler.nextReady() == "e")
        scheduler.finish("e", succeeded: true)
        #expect(scheduler.isComplete)
    }

    @Test("a resumed run starts from the steps' recorded state")
    func schedulerResumes() {
        var scheduler = StepScheduler(steps: [
            Self.row("a", status: .success), Self.row("b", deps: ["a"]), Self.row("x", status: .failure),
            Self.row("y", deps: ["x"]), Self.row("z", deps: ["y"]),
        ])
        #expect(scheduler.nextReady() == "b")
        #expect(scheduler.nextReady() == nil)
        #expect(scheduler.abandoned == ["y", "z"], "everything below a failed step, not only its children")
    }

    @Test("a cancel abandons every step not running, reported in plan order")
    func schedulerCancel() {
        var scheduler = StepScheduler(steps: [
            Self.row("a"), Self.row("b", deps: ["a"]), Self.row("c"), Self.row("d", deps: ["c"]), Self.row("e"),
        ])
        #expect(scheduler.nextReady() == "a")
        #expect(scheduler.nextReady() == "c")
        scheduler.finish("c", succeeded: true)
        #expect(scheduler.abandonPending(except: ["a"]) == ["b", "d", "e"])
        #expect(scheduler.nextReady() == nil)
    }

    @Test("ARCO_REPORT lines: the last data version wins, metadata merges, garbage names its line")
    func report() throws {
        let report = try StepReport.parse("""
            {"data_version": "v1"}

            {"metadata": {"rows": 3}}
            {"data_version": "v2", "metadata": {"source": "s3"}}
            """)
        #expect(report.dataVersion == "v2")
        #expect(report.metadata == ["rows": .int(3), "source": .string("s3")])
        #expect(throws: StepReportError(line: 2, reason: "not a JSON object")) { try StepReport.parse("{}\nnot json") }
        #expect(throws: StepReportError(line: 1, reason: "data_version must be a non-empty string")) {
            try StepReport.parse(#"{"data_version": 3}"#)
        }
        #expect(throws: StepReportError(line: 1, reason: "unknown field 'version' (use data_version or metadata)")) {
            try StepReport.parse(#"{"version": "x"}"#)
        }
    }

    @Test("log names keep a safe alphabet, never contain '..' or '/', and stay distinct", arguments: [
        "raw[2024-01-01]", "p[$(touch pwned)]", "p[../../etc]", ".hidden", "a/b", "a_b", String(repeating: "x", count: 200),
    ])
    func logNames(key: String) {
        let name = LogPath.component(key)
        #expect(!name.contains("/") && !name.contains("..") && !name.hasPrefix("."))
        #expect(name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._=-".unicodeScalars.contains($0)) })
        #expect(name.count <= 91)
        #expect(LogPath.component("a/b") != LogPath.component("a_b"))
        #expect(LogPath.component("daily_2024-01-01") == "daily_2024-01-01", "a safe name is kept as it is")
    }

    @Test("the step environment carries keys, windows and dimensions, never the command")
    func environment() throws {
        let daily = PartitionSet.timeWindow(try TimeWindowPartitionSet(TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!)))
        var step = Self.row("raw")
        step.partition = "2024-01-02"
        let variables = StepEnvironment.variables(
            runID: "r1", step: step, attempt: 2, set: daily, workspace: "/w", reportPath: "/w/report")
        #expect(variables["ARCO_PARTITION_KEY"] == "2024-01-02")
        #expect(variables["ARCO_PARTITION_START"] == "2024-01-02T00:00:00+00:00")
        #expect(variables["ARCO_PARTITION_END"] == "2024-01-03T00:00:00+00:00")
        #expect(variables["ARCO_ATTEMPT"] == "2")
        #expect(variables["ARCO_RUN_ID"] == "r1" && variables["ARCO_REPORT"] == "/w/report")
        let multi = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "date", set: daily), PartitionDimension(name: "region-x", set: .keys(["us", "eu"])),
        ])
        step.partition = "2024-01-02|eu"
        let dimensions = StepEnvironment.variables(runID: "r1", step: step, attempt: 1, set: multi, workspace: "/w", reportPath: "")
        #expect(dimensions["ARCO_PARTITION_DATE"] == "2024-01-02")
        #expect(dimensions["ARCO_PARTITION_REGION_X"] == "eu")
        step.partition = nil
        step.partitionRange = ["2024-01-01", "2024-01-02"]
        let ranged = StepEnvironment.variables(runID: "r1", step: step, attempt: 1, set: daily, workspace: "/w", reportPath: "")
        #expect(ranged["ARCO_PARTITION_KEYS"] == "2024-01-01\n2024-01-02")
        #expect(ranged["ARCO_PARTITION_KEY"] == nil)
        #expect(ranged["ARCO_PARTITION_START"] == "2024-01-01T00:00:00+00:00")
        #expect(ranged["ARCO_PARTITION_END"] == "2024-01-03T00:00:00+00:00")
    }

    @Test("the logical data version is Dagster's: SHA-256 of the code version then inputs by key")
    func logicalVersion() {
        let consumed = [
            ConsumedVersion(asset: "b", partition: nil, dataVersion: "vb"),
            ConsumedVersion(asset: "a", partition: nil, dataVersion: "va"),
        ]
        #expect(DataVersion.logical(codeVersion: "3", consumed: consumed) == SHA256Hex.digest("3vavb"))
        #expect(DataVersion.logical(codeVersion: "3", consumed: consumed.reversed()) == SHA256Hex.digest("3vavb"))
        #expect(DataVersion.logical(codeVersion: "4", consumed: consumed) != SHA256Hex.digest("3vavb"))
    }

    @Test("retry delays: fixed, linear, exponential, and jitter within its bounds")
    func retryDelays() {
        let fixed = RetryPolicy(maxRetries: 3, delay: .seconds(10))
        #expect(RetryDelay.before(attempt: 3, policy: fixed, unitRandom: 0.5) == .seconds(10))
        let linear = RetryPolicy(maxRetries: 3, delay: .seconds(10), backoff: .linear)
        #expect(RetryDelay.before(attempt: 3, policy: linear, unitRandom: 0.5) == .seconds(20))
        let exponential = RetryPolicy(maxRetries: 3, delay: .seconds(10), backoff: .exponential)
        #expect(RetryDelay.before(attempt: 2, policy: exponential, unitRandom: 0.5) == .seconds(10))
        #expect(RetryDelay.before(attempt: 4, policy: exponential, unitRandom: 0.5) == .seconds(40))
        let jittered = RetryPolicy(maxRetries: 3, delay: .seconds(10), jitter: 0.2)
        #expect(RetryDelay.before(attempt: 2, policy: jittered, unitRandom: 0) == .seconds(8))
        #expect(RetryDelay.before(attempt: 2, policy: jittered, unitRandom: 0.5) == .seconds(10))
    }
}
