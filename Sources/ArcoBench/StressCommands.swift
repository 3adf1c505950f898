import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation

/// Process-level drivers for the crash and concurrency tests.
enum StressCommands {
    static func engine(_ folder: String) -> Engine {
        Engine(
            workspace: Workspace(root: folder),
            environment: EngineEnvironment.live(environment: ProcessInfo.processInfo.environment))
    }

    /// Appends `RunRequested` events one transaction at a time, printing each key after commit.
    static func appendLoop(_ arguments: [String]) throws {
        guard arguments.count == 2 else { throw StressError.usage("append-loop WORKSPACE PREFIX") }
        let engine = engine(arguments[0])
        var index = 0
        while true {
            let draft = EventDraft(EventBuilders.runRequested("\(arguments[1])-\(index)", assets: ["a", "b"]))
            try engine.record([draft])
            // Printed only after the commit returned: every printed key must survive a SIGKILL.
            print(draft.idempotencyKey.rawValue)
            fflush(nil)
            index += 1
        }
    }

    /// Appends one run request per key, each in its own transaction.
    static func appendKeys(_ arguments: [String]) throws {
        guard arguments.count >= 2 else { throw StressError.usage("append-keys WORKSPACE KEY...") }
        let engine = engine(arguments[0])
        var appended = 0
        for key in arguments.dropFirst() {
            let result = try engine.record([EventDraft(EventBuilders.runRequested(key))])
            appended += result.appended.count
        }
        print(appended)
    }

    /// Appends `count` generated events in batches of 1,000.
    static func fill(_ arguments: [String]) throws {
        guard arguments.count == 2, let count = Int(arguments[1]) else { throw StressError.usage("fill WORKSPACE N") }
        try RebuildBenchmark.fillLedger(arguments[0], events: count)
        print(count)
    }

    /// Gives each generated batch fresh run ids so keys never collide across batches.
    /// The prefix sorts batches in creation order, as real (ULID-based) run ids do.
    static func renamed(_ draft: EventDraft, offset: Int) -> EventDraft {
        guard offset > 0 else { return draft }
        let prefix = "b" + String(String(offset + 1_000_000_000).dropFirst()) + "-"
        switch draft.payload {
        case .runRequested(var body):
            body.runID = RunID(prefix + body.runID.rawValue)
            if let key = body.runKey { body.runKey = RunKey(prefix + key.rawValue) }
            return EventDraft(body)
        case .runStarted(var body): body.runID = RunID(prefix + body.runID.rawValue); return EventDraft(body)
        case .runWorkerLost(var body): body.runID = RunID(prefix + body.runID.rawValue); return EventDraft(body)
        case .runCancelRequested(var body): body.runID = RunID(prefix + body.runID.rawValue); return EventDraft(body)
        case .stepStarted(var body): body.runID = RunID(prefix + body.runID.rawValue); return EventDraft(body)
        case .stepFinished(var body): body.runID = RunID(prefix + body.runID.rawValue); return EventDraft(body)
        case .dynamicPartitionsChanged(var body):
            body.partitionsDef = "\(body.partitionsDef)-\(offset)"
            return EventDraft(body)
        default:
            return EventDraft(
                unknownType: "FutureThing", version: 1, payload: ["offset": .int(Int64(offset))],
                idempotencyKey: IdempotencyKey("\(draft.idempotencyKey)-\(offset)"))
        }
    }
}

struct StressError: Error, CustomStringConvertible {
    let description: String
    static func usage(_ text: String) -> StressError { StressError(description: "usage: arco-bench \(text)") }
}
