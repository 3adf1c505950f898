import ArcoCore
import ArcoTesting
import Testing

/// The reference's compare-and-set cases for sensor state (arco-semantics §2.5, §6).
@Suite struct SensorFoldTests {
    static func fold(_ drafts: [EventDraft]) throws -> (InMemoryProjections, [FoldOutcome]) {
        let projections = InMemoryProjections()
        let outcomes = try projections.fold(LedgerBuilder.eventsWithoutGate(drafts))
        return (projections, outcomes)
    }

    static func poll(
        _ id: String, epoch: Int64, before: String?, after: String?, expected: Int64?, status: SensorEvalStatus = .triggered,
        requests: [SensorRunRequest] = []
    ) -> SensorEvaluated {
        SensorEvaluated(
            sensor: "s", evalID: id, trigger: .poll(epochSeconds: epoch), cursorBefore: before, cursorAfter: after,
            expectedStateVersion: expected, status: status, runRequests: requests)
    }

    @Test("a matching expected version advances cursor and version; a stale one changes neither and is SKIPPED_STALE_CURSOR")
    func compareAndSet() throws {
        let first = Self.poll("e1", epoch: 100, before: nil, after: "c1", expected: 0)
        let second = Self.poll("e2", epoch: 200, before: "c1", after: "c2", expected: 1)
        let stale = Self.poll(
            "e3", epoch: 300, before: "c1", after: "c3", expected: 1,
            requests: [SensorRunRequest(runKey: "sensor:s:k", selection: "a", runID: "run_x")])
        let (projections, outcomes) = try Self.fold([EventDraft(first), EventDraft(second), EventDraft(stale)])
        #expect(outcomes == [.applied, .applied, .applied])
        let state = try #require(projections.sensorStates["s"])
        #expect(state.cursor == "c2")
        #expect(state.stateVersion == 2)
        #expect(state.lastEvalID == "e2")
        let row = try #require(projections.sensorEvals["e3"])
        #expect(row.status == .skippedStaleCursor)
        #expect(row.runRequests.isEmpty)
        #expect(row.cursorAfter == "c1")
        #expect(projections.sensorEvals["e2"]?.stateVersion == 2)
    }

    @Test("an ERROR evaluation keeps the cursor but counts as the last evaluation")
    func errorKeepsCursor() throws {
        let first = Self.poll("e1", epoch: 100, before: nil, after: "c1", expected: 0)
        let failed = Self.poll("e2", epoch: 200, before: "c1", after: "c1", expected: 1, status: .error)
        let (projections, _) = try Self.fold([EventDraft(first), EventDraft(failed)])
        let state = try #require(projections.sensorStates["s"])
        #expect(state.cursor == "c1")
        #expect(state.lastEvalStatus == .error)
        #expect(state.stateVersion == 2)
    }

    @Test("a RunRequested of a stale evaluation is rejected, one of an applied evaluation applies")
    func staleRunsDropped() throws {
        let first = Self.poll("e1", epoch: 100, before: nil, after: "c1", expected: 0)
        let stale = Self.poll("e2", epoch: 100, before: "x", after: "c9", expected: 0)
        var staleRun = EventBuilders.runRequested("run_stale")
        staleRun.trigger = RunTrigger(kind: .sensor, reference: "e2")
        var goodRun = EventBuilders.runRequested("run_good")
        goodRun.trigger = RunTrigger(kind: .sensor, reference: "e1")
        let (projections, outcomes) = try Self.fold([
            EventDraft(first), EventDraft(goodRun), EventDraft(stale), EventDraft(staleRun),
        ])
        #expect(outcomes[1] == .applied)
        guard case .rejected = outcomes[3] else {
            Issue.record("the stale evaluation's run applied: \(outcomes[3])")
            return
        }
        #expect(projections.run("run_good") != nil)
        #expect(projections.run("run_stale") == nil)
    }

    @Test("push evaluations carry no version and always apply; an asset position only moves forward")
    func pushAndAsset() throws {
        let push = SensorEvaluated(
            sensor: "s", evalID: "p1", trigger: .push(messageID: "m1"), cursorBefore: nil, cursorAfter: nil,
            expectedStateVersion: nil, status: .triggered, payload: Array("$(rm -rf /)\n'\"".utf8))
        let asset = SensorEvaluated(
            sensor: "s", evalID: "a1", trigger: .asset(throughSeq: 42), cursorBefore: nil, cursorAfter: nil,
            expectedStateVersion: 1, status: .triggered)
        let (projections, _) = try Self.fold([EventDraft(push), EventDraft(asset)])
        #expect(projections.sensorStates["s"]?.position == 42)
        #expect(projections.sensorStates["s"]?.stateVersion == 2)
        #expect(projections.sensorEvals["p1"]?.messageID == "m1")
        #expect(projections.sensorEvals["p1"]?.payload == Array("$(rm -rf /)\n'\"".utf8))
    }

    @Test("cursor changes and starts must carry the next version; a stale one is rejected")
    func changes() throws {
        let set = SensorCursorSet(sensor: "s", cursor: "manual", stateVersion: 1)
        let stop = SensorStateChanged(sensor: "s", status: .stopped, stateVersion: 2)
        let late = SensorCursorSet(sensor: "s", cursor: "late", stateVersion: 2)
        let (projections, outcomes) = try Self.fold([EventDraft(set), EventDraft(stop), EventDraft(late)])
        #expect(outcomes[0] == .applied)
        #expect(outcomes[1] == .applied)
        guard case .rejected = outcomes[2] else {
            Issue.record("a stale cursor change applied")
            return
        }
        #expect(projections.sensorStates["s"]?.cursor == "manual")
        #expect(projections.sensorStates["s"]?.status == .stopped)
    }

    @Test("the payload and run requests survive the event's JSON round trip")
    func roundTrip() throws {
        let event = SensorEvaluated(
            sensor: "s", evalID: "p1", trigger: .push(messageID: "m1"), cursorBefore: nil, cursorAfter: nil,
            expectedStateVersion: nil, status: .triggered,
            runRequests: [SensorRunRequest(runKey: "sensor:s:k", selection: "a", runID: "run_1", existing: true)],
            payload: [0, 255, 10, 36])
        let decoded = try SensorEvaluated(fields: JSONFields(event.payloadJSON()))
        #expect(decoded == event)
    }
}
