import ArcoCore
import Testing

@Suite struct SensorAnswerTests {
    static func parse(_ text: String) throws(SensorAnswer.Invalid) -> SensorAnswer { try SensorAnswer.parse(Array(text.utf8)) }

    @Test("a full answer parses: run requests with key, partition, select and tags, cursor, added partitions")
    func full() throws {
        let answer = try Self.parse("""
            {"run_requests": [{"run_key": "batch-0", "partition": "2024-01-01", "select": "a+", "tags": {"t": "1"}}, {}],
             "cursor": "c-7", "add_partitions": {"files": ["x.csv"]}}
            """)
        #expect(answer.runRequests.count == 2)
        #expect(answer.runRequests[0] == SensorAnswer.Request(runKey: "batch-0", partition: "2024-01-01", select: "a+", tags: ["t": "1"]))
        #expect(answer.runRequests[1] == SensorAnswer.Request())
        #expect(answer.cursor == "c-7")
        #expect(answer.addPartitions == ["files": ["x.csv"]])
    }

    @Test("empty output is an empty answer")
    func empty() throws {
        #expect(try Self.parse("  \n") == SensorAnswer())
        #expect(try Self.parse("{}") == SensorAnswer())
    }

    @Test("garbage, non-objects, unknown fields, wrong types, a skip with runs and oversize output are refused", arguments: [
        "not json", "[1]", #"{"cursr": "x"}"#, #"{"cursor": 3}"#, #"{"run_requests": {}}"#,
        #"{"run_requests": [{"run_key": ""}]}"#, #"{"run_requests": [{"tags": {"a": 1}}]}"#,
        #"{"skip_reason": "x", "run_requests": [{}]}"#, #"{"add_partitions": {"d": [1]}}"#,
        #"{"run_requests": [{"key": "x"}]}"#,
    ])
    func refused(_ text: String) {
        #expect(throws: SensorAnswer.Invalid.self) { try Self.parse(text) }
    }

    @Test("bounds: output over 1 MiB, too many requests, a cursor over 64 KiB")
    func bounds() {
        let big = "{\"cursor\": \"" + String(repeating: "x", count: Limits.sensorOutputBytesMax) + "\"}"
        #expect(throws: SensorAnswer.Invalid.self) { try Self.parse(big) }
        let many = "{\"run_requests\": [" + Array(repeating: "{}", count: Limits.sensorRunRequestsMax + 1).joined(separator: ",") + "]}"
        #expect(throws: SensorAnswer.Invalid.self) { try Self.parse(many) }
        let cursor = "{\"cursor\": \"" + String(repeating: "x", count: Limits.sensorCursorBytesMax + 1) + "\"}"
        #expect(throws: SensorAnswer.Invalid.self) { try Self.parse(cursor) }
    }
}

@Suite struct SensorDecisionTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_000)

    @Test("due, too soon with the next allowed instant, stopped, and --force")
    func due() {
        let interval = Duration.seconds(30)
        #expect(SensorDue.decide(status: .running, lastEvaluatedAt: nil, minimumInterval: interval, now: Self.t0, force: false) == .due)
        #expect(
            SensorDue.decide(
                status: .running, lastEvaluatedAt: Self.t0, minimumInterval: interval,
                now: Timestamp(secondsSinceEpoch: 1_029), force: false)
                == .tooSoon(next: Timestamp(secondsSinceEpoch: 1_030)))
        #expect(
            SensorDue.decide(
                status: .running, lastEvaluatedAt: Self.t0, minimumInterval: interval,
                now: Timestamp(secondsSinceEpoch: 1_030), force: false) == .due)
        #expect(SensorDue.decide(status: .stopped, lastEvaluatedAt: nil, minimumInterval: interval, now: Self.t0, force: false) == .stopped)
        #expect(
            SensorDue.decide(status: .stopped, lastEvaluatedAt: Self.t0, minimumInterval: interval, now: Self.t0, force: true) == .due)
    }

    @Test("run keys are scoped to the sensor; missing ones derive from the eval id and index")
    func runKeys() {
        #expect(SensorRunKeys.key(for: .init(runKey: "batch-0"), sensor: "s", evalID: "e", index: 3) == "sensor:s:batch-0")
        #expect(SensorRunKeys.key(for: .init(), sensor: "s", evalID: "eval_1", index: 3) == "sensor:s:eval_1:3")
        #expect(SensorRunKeys.materialization(sensor: "s", seq: 9) == "sensor:s:mat:9")
        let twice = [
            SensorRunRequest(runKey: "sensor:s:dup", selection: "a", partition: "p1"),
            SensorRunRequest(runKey: "sensor:s:other", selection: "a"),
            SensorRunRequest(runKey: "sensor:s:dup", selection: "a", partition: "p2"),
        ]
        #expect(SensorRunKeys.firstOfEachKey(twice) == [twice[0], twice[1]])
    }

    @Test("status and cursor from an answer; an error keeps the cursor")
    func evalDecision() {
        let triggered = SensorEvalDecision.answered(SensorAnswer(runRequests: [.init()], cursor: "b"), cursorBefore: "a")
        #expect(triggered == .init(status: .triggered, cursorAfter: "b", reason: nil))
        #expect(SensorEvalDecision.answered(SensorAnswer(skipReason: "why"), cursorBefore: "a")
            == .init(status: .skipped, cursorAfter: "a", reason: "why"))
        #expect(SensorEvalDecision.answered(SensorAnswer(), cursorBefore: "a").status == .noNewData)
        #expect(SensorEvalDecision.failed("boom", cursorBefore: "a") == .init(status: .error, cursorAfter: "a", reason: "boom"))
    }

    @Test("compare-and-set: push bypasses, a matching version applies, another is stale")
    func cas() {
        #expect(SensorCursorCAS.evaluation(expected: nil, current: 5) == .apply)
        #expect(SensorCursorCAS.evaluation(expected: 5, current: 5) == .apply)
        #expect(SensorCursorCAS.evaluation(expected: 4, current: 5) == .stale(current: 5))
        #expect(SensorCursorCAS.change(creating: 6, current: 5) == .apply)
        #expect(SensorCursorCAS.change(creating: 5, current: 5) == .stale(current: 5))
    }

    @Test("asset sensor: one run per target partition, keyed by the newest materialization; unmappable ones reported")
    func assetRequests() {
        let plan = AssetSensorRequests.plan(
            sensor: "s", target: "down", tags: [:],
            materializations: [
                .init(seq: 5, asset: "up", partition: "2024-01-01"), .init(seq: 7, asset: "up", partition: "2024-01-02"),
                .init(seq: 9, asset: "up", partition: "2024-01-01"), .init(seq: 11, asset: "other", partition: nil),
            ],
            position: 3, partitionsOf: ["up": "daily", "other": nil], targetPartitions: "daily")
        #expect(plan.position == 11)
        #expect(plan.requests.map(\.runKey) == ["sensor:s:mat:7", "sensor:s:mat:9"])
        #expect(plan.requests.map(\.partition) == ["2024-01-02", "2024-01-01"])
        #expect(plan.unmapped?.contains("other") == true)
        let unpartitioned = AssetSensorRequests.plan(
            sensor: "s", target: "down", tags: [:], materializations: [.init(seq: 5, asset: "up", partition: nil)],
            position: 0, partitionsOf: ["up": nil], targetPartitions: nil)
        #expect(unpartitioned.requests.count == 1)
        #expect(unpartitioned.requests.first?.partition == nil)
    }
}
