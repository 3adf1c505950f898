import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// Use cases against a temporary workspace with a manual clock and sequential ids.
@Suite struct EngineTests {
    final class Fixture {
        let root: String
        let clock = ManualWallClock(Timestamp(secondsSinceEpoch: 1_735_689_600))
        let engine: Engine

        /// - Parameter postgres: a fresh database of the test cluster as the store, instead of SQLite.
        init(yaml: String = "version: 1\n", postgres: Bool = false, heartbeatTimeout: Duration? = nil) throws {
            root = NSTemporaryDirectory() + "arco-engine-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try yaml.write(toFile: root + "/arco.yaml", atomically: true, encoding: .utf8)
            var environment = EngineEnvironment(clock: clock, ids: SequentialIDGenerator())
            if postgres {
                let database = try PostgresTestCluster.shared().createDatabase(name: "engine")
                environment.store = .postgres(url: database.socketURL)
            }
            if let heartbeatTimeout { environment.heartbeatTimeout = heartbeatTimeout }
            engine = Engine(workspace: Workspace(root: root), environment: environment)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test("record stamps every event of a batch with the one clock reading and sequential ids")
    func recordUsesClockOnce() throws {
        let fixture = try Fixture()
        let result = try fixture.engine.record([
            EventDraft(EventBuilders.runRequested("r1")), EventDraft(EventBuilders.stepStarted("r1", "a")),
        ])
        #expect(result.appended.map(\.recordedAt) == [fixture.clock.now(), fixture.clock.now()])
        #expect(result.appended.map(\.eventID) == ["evt-000001", "evt-000002"])
        var rows = [LedgerRow]()
        try fixture.engine.forEachEvent(EventFilter()) { rows.append($0) }
        #expect(rows == result.appended)
    }

    @Test("a store folded by another fold version is rebuilt when first opened")
    func refoldsOutdatedProjections() throws {
        let fixture = try Fixture()
        try fixture.engine.record([EventDraft(EventBuilders.runRequested("r1"))])
        let store = try fixture.engine.store()
        try store.rawExecuteForTesting("UPDATE projection_meta SET fold_version = 0")
        try store.rawExecuteForTesting("DELETE FROM runs")
        let reopened = Engine(workspace: fixture.engine.workspace, environment: fixture.engine.environment)
        let meta = try reopened.store().read { try $0.meta() }
        #expect(meta.foldVersion == Fold.version)
        #expect(try reopened.store().read { try $0.run("r1") }?.status == .queued)
    }

    @Test("doctor is clean on a healthy store and names the broken row of an edited ledger")
    func doctor() throws {
        let fixture = try Fixture()
        try fixture.engine.record((0..<5).map { EventDraft(EventBuilders.runRequested("r\($0)")) })
        let healthy = try fixture.engine.doctor()
        #expect(healthy.exitStatus == .ok)
        #expect(healthy.checks.map(\.name) == ["definitions", "state_folder", "store", "schema", "pragmas", "permissions", "integrity", "hash_chain", "projections"])
        try fixture.engine.store().rawExecuteForTesting("UPDATE events SET idempotency_key = 'forged' WHERE seq = 2")
        let damaged = try fixture.engine.doctor()
        #expect(damaged.exitStatus == .ioError)
        let chain = try #require(damaged.checks.first { $0.name == "hash_chain" })
        #expect(chain.status == .fail)
        #expect(chain.detail.hasPrefix("row 2:"))
        #expect(chain.hint?.contains("arco ledger import") == true)
    }

    @Test("definitions are parsed again as soon as arco.yaml changes, and a broken edit is reported")
    func definitionsFollowTheFile() throws {
        let fixture = try Fixture(yaml: "version: 1\nassets:\n  a: {command: x}\n")
        #expect(try fixture.engine.loadDefinitions().assets.map(\.key.rawValue) == ["a"])
        #expect(try fixture.engine.loadDefinitions().assets.map(\.key.rawValue) == ["a"])
        // Same length, so only the bytes tell the two files apart.
        try "version: 1\nassets:\n  b: {command: x}\n".write(toFile: fixture.root + "/arco.yaml", atomically: true, encoding: .utf8)
        #expect(try fixture.engine.loadDefinitions().assets.map(\.key.rawValue) == ["b"])
        try "version: 1\nassets:\n  b: {comand: x}\n".write(toFile: fixture.root + "/arco.yaml", atomically: true, encoding: .utf8)
        #expect(throws: OperatorError.self) { try fixture.engine.loadDefinitions() }
        try "version: 1\nassets:\n  b: {command: x}\n".write(toFile: fixture.root + "/arco.yaml", atomically: true, encoding: .utf8)
        #expect(try fixture.engine.loadDefinitions().assets.map(\.key.rawValue) == ["b"])
    }

    @Test("invalid definitions become one operator error listing every problem")
    func invalidDefinitions() throws {
        let fixture = try Fixture(yaml: "version: 1\nassets:\n  a: {comand: x}\n  b: {command: x, deps: [zz]}\n")
        do {
            _ = try fixture.engine.loadDefinitions()
            Issue.record("expected invalid definitions")
        } catch let error as OperatorError {
            #expect(error.status == .dataError)
            #expect(error.details.count == 3)
            #expect(error.data?["diagnostics"]?.arrayValue?.count == 3)
        }
    }

    @Test("export then import through the engine reproduces the ledger")
    func exportImport() throws {
        let source = try Fixture()
        try source.engine.record((0..<4).map { EventDraft(EventBuilders.runRequested("r\($0)")) })
        var lines = [String]()
        let exported = try source.engine.exportLedger(afterSeq: 0) { lines.append($0) }
        #expect(exported == 4)
        let target = try Fixture()
        var iterator = lines.makeIterator()
        #expect(try target.engine.importLedger { iterator.next() } == 4)
        var copied = [String]()
        try target.engine.exportLedger(afterSeq: 0) { copied.append($0) }
        #expect(copied == lines)
    }
}

@Suite struct WorkspaceLocationTests {
    @Test("absolute paths resolve dot segments")
    func absolute() {
        #expect(Workspace.absolute("a/../b/./c", from: "/x/y") == "/x/y/b/c")
        #expect(Workspace.absolute("/p/q/..", from: "/ignored") == "/p")
        #expect(Workspace.absolute("../../..", from: "/a") == "/")
    }

    @Test("discovery walks up to the nearest arco.yaml; explicit folders must hold one")
    func discovery() throws {
        let root = NSTemporaryDirectory() + "arco-locate-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/inner/deep", withIntermediateDirectories: true)
        try "version: 1\n".write(toFile: root + "/arco.yaml", atomically: true, encoding: .utf8)
        let found = try Workspace.locate(explicit: nil, environment: [:], currentDirectory: root + "/inner/deep")
        #expect(found.root == root)
        #expect(found.databasePath == root + "/.arco/arco.db")
        #expect(throws: OperatorError.self) {
            try Workspace.locate(explicit: "inner", environment: [:], currentDirectory: root)
        }
        let fromEnvironment = try Workspace.locate(
            explicit: nil, environment: ["ARCO_WORKSPACE": root], currentDirectory: "/")
        #expect(fromEnvironment.root == root)
    }
}

@Suite struct FoldVersionTests {
    @Test("a store folded by a newer arco is refused (69), never refolded with older rules")
    func newerFoldVersion() throws {
        let fixture = try EngineTests.Fixture()
        try fixture.engine.record([EventDraft(EventBuilders.runRequested("r1"))])
        try fixture.engine.store().rawExecuteForTesting("UPDATE projection_meta SET fold_version = \(Fold.version + 1)")
        let reopened = Engine(workspace: fixture.engine.workspace, environment: fixture.engine.environment)
        #expect {
            _ = try reopened.store()
        } throws: { error in
            (error as? OperatorError)?.status == .unavailable
        }
    }
}

@Suite struct AssetStatusTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-11 }
        assets:
          a: { command: "true", partitions: daily }
          table: { command: "true" }

        """

    @Test("asset status summarises materialized, failed and missing partitions as ranges")
    func summary() throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml)
        var drafts = [EventDraft]()
        for day in 1...4 {
            let key = "2024-01-0\(day)"
            drafts.append(EventDraft(
                AssetMaterialized(asset: "a", partition: key, runID: nil, stepKey: nil, attempt: nil, reportKey: key,
                    codeVersion: nil, dataVersion: "v\(day)", canonicalPartition: "key=d:\(key)")))
        }
        drafts.append(EventDraft(PartitionStatusFoldTestsSupport.failedRun(day: "2024-01-06")))
        drafts += PartitionStatusFoldTestsSupport.failedRunEvents(day: "2024-01-06")
        try fixture.engine.record(drafts)
        let report = try fixture.engine.assetStatus("a")
        #expect(report.total == 10)
        #expect(report.summary.counts[.materialized] == 4)
        #expect(report.summary.counts[.failed] == 1)
        #expect(report.summary.counts[.missing] == 5)
        #expect(report.summary.ranges.first?.last == "2024-01-04")
        #expect(report.lastMaterialization?.dataVersion == "v4")
        let table = try fixture.engine.assetStatus("table")
        #expect(table.total == 1)
        #expect(table.summary.counts[.missing] == 1)
        #expect(throws: OperatorError.self) { try fixture.engine.assetStatus("nope") }
    }
}

/// A run whose one partitioned step fails for good.
enum PartitionStatusFoldTestsSupport {
    static func failedRun(day: String) -> RunRequested {
        RunRequested(
            runID: "failing", runKey: nil, fingerprint: "f", selection: "a", trigger: RunTrigger(kind: .manual),
            steps: [PlannedStep(stepKey: "a", asset: "a", partition: day, canonicalPartitions: ["key=d:" + day])])
    }

    static func failedRunEvents(day: String) -> [EventDraft] {
        [
            EventDraft(EventBuilders.stepStarted("failing", "a")),
            EventDraft(EventBuilders.stepFinished("failing", "a", outcome: .failed)),
        ]
    }
}
