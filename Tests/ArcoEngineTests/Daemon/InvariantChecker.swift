import ArcoCore
import ArcoEngine
import ArcoStore
import Foundation

/// The invariants of docs/adr/0022-daemon.md, checked after every step of a simulated seed
/// (safety) and once after it settles (liveness). Reads the store through its own connection.
struct InvariantChecker {
    private var lastSeq: Int64 = 0
    private var keys = Set<String>()
    private var runKeys = Set<String>()
    private var highestDaemonToken: Int64 = 0
    private var highestDaemonTokenSeq: Int64 = 0
    private var leaseToken: Int64 = 0
    private var passToken: Int64 = 0
    /// Per sensor: its state version as the fold has it.
    private var sensorVersions: [String: Int64] = [:]

    mutating func check(_ world: DaemonSimulation) throws {
        let store = try opened(world)
        try store.read { reader in
            try reader.forEachEvent(EventFilter(afterSeq: lastSeq)) { row in
                lastSeq = row.seq
                checkKeys(row, world)
                checkTenure(row, world)
                checkSensorChain(row, world)
            }
            try checkRuns(reader, world)
            if let lease = try reader.lease(DaemonOptions.leaseName) {
                if lease.token < leaseToken {
                    world.violations.append("the lease's fencing token went back from \(leaseToken) to \(lease.token)")
                }
                leaseToken = max(leaseToken, lease.token)
            }
            if let pass = try reader.daemonPass(DaemonOptions.leaseName) {
                if pass.token < passToken {
                    world.violations.append(
                        "a pass under token \(pass.token) was recorded after one under token \(passToken): a deposed leader wrote")
                }
                passToken = max(passToken, pass.token)
            }
        }
    }

    /// Runs as the projection folds them: none executed twice, and at most one run per
    /// schedule slot (a tick id is derived from its slot, so two ticks of one slot would have
    /// to differ in id to get two runs; this catches a second request under another key).
    private func checkRuns(_ reader: StoreReader, _ world: DaemonSimulation) throws {
        var slots: [String: RunID] = [:]
        for run in try reader.recentRuns(limit: 1_000_000) {
            if run.executions > 1 { world.violations.append("run \(run.runID) executed \(run.executions) times") }
            guard run.trigger.kind == .schedule, let slot = run.trigger.reference else { continue }
            if let other = slots.updateValue(run.runID, forKey: slot), other != run.runID {
                world.violations.append("schedule slot \(slot) has two runs, \(other) and \(run.runID)")
            }
        }
    }

    /// The cursor CAS at work: replays the fold's rule (an evaluation applies when it expected
    /// the sensor's current state version, or nothing) to count the evaluations it refused, as
    /// evidence the race it settles happens in the workload. Applied evaluations raise the
    /// version one by one; a `SensorStateChanged` sets it.
    private mutating func checkSensorChain(_ row: LedgerRow, _ world: DaemonSimulation) {
        guard row.type == "SensorEvaluated" || row.type == "SensorStateChanged",
            let payload = try? JSONParser.parse(row.payload), let sensor = payload["sensor"]?.stringValue
        else { return }
        if row.type == "SensorStateChanged" {
            sensorVersions[sensor] = payload["state_version"]?.intValue ?? sensorVersions[sensor, default: 0]
            return
        }
        let current = sensorVersions[sensor, default: 0]
        let expected = payload["expected_state_version"]?.intValue
        if payload["status"]?.stringValue == "SKIPPED_STALE_CURSOR" || (expected != nil && expected != current) {
            world.count("stale sensor evaluations refused by the cursor CAS")
            return
        }
        sensorVersions[sensor] = current + 1
    }

    /// No tick id, sensor evaluation key, run key or run start recorded twice. Structural, kept
    /// as a tripwire: `events.idempotency_key` is UNIQUE, so the store cannot record a key twice
    /// (ADR 0022 says which invariants the simulation actually tests).
    private mutating func checkKeys(_ row: LedgerRow, _ world: DaemonSimulation) {
        let key = row.idempotencyKey.rawValue
        switch row.type {
        case "ScheduleTicked", "SensorEvaluated", "RunStarted":
            if !keys.insert(key).inserted { world.violations.append("\(row.type) key \(key) recorded twice (row \(row.seq))") }
        case "RunRequested":
            guard key.hasPrefix("runreq:"), let colon = key.lastIndex(of: ":") else { return }
            let runKey = String(key[key.index(key.startIndex, offsetBy: 7)..<colon])
            if !runKeys.insert(runKey).inserted { world.violations.append("run key \(runKey) requested twice (row \(row.seq))") }
        default:
            return
        }
    }

    /// Daemon writes carry non-decreasing tokens in ledger order: a row under an older token after
    /// a row under a newer one was written by a leader that had been replaced.
    private mutating func checkTenure(_ row: LedgerRow, _ world: DaemonSimulation) {
        guard let token = SimulationIDs.daemonToken(row.eventID.rawValue) else { return }
        if token < highestDaemonToken {
            world.violations.append(
                "ledger row \(row.seq) (\(row.type) \(row.idempotencyKey)) was written under token \(token) after row "
                    + "\(highestDaemonTokenSeq) under token \(highestDaemonToken): a deposed leader wrote")
        } else if token > highestDaemonToken {
            highestDaemonToken = token
            highestDaemonTokenSeq = row.seq
        }
    }

    /// After settling: every due tick fired, and every queued run was launched and claimed.
    mutating func checkLiveness(_ world: DaemonSimulation) throws {
        let store = try opened(world)
        let now = Timestamp(microsecondsSinceEpoch: world.time)
        let lastSlot = now.secondsSinceEpoch / 60 * 60
        try store.read { reader in
            for schedule in ["every", "latest"] {
                guard let state = try reader.scheduleState(schedule), let since = state.baselineSince else {
                    world.violations.append("liveness: schedule \(schedule) was never evaluated")
                    continue
                }
                let ticked = Set(try reader.scheduleTicks(schedule).map(\.tick.scheduledFor.secondsSinceEpoch))
                let first = since.secondsSinceEpoch / 60 * 60 + 60
                let due = schedule == "every" ? Array(stride(from: first, through: lastSlot, by: 60)) : (first <= lastSlot ? [lastSlot] : [])
                for slot in due where !ticked.contains(slot) {
                    world.violations.append("liveness: tick \(schedule):\(slot) never fired")
                }
            }
            for kind in [RunTrigger.Kind.schedule, .sensor] {
                let inFlight = try reader.runsInFlight(triggeredBy: kind)
                let queued = try reader.unclaimedRuns(triggeredBy: kind, limit: 1000)
                if inFlight < 25, !queued.isEmpty {
                    world.violations.append("liveness: \(queued.count) \(kind.rawValue) runs never launched, e.g. \(queued[0].runID)")
                }
            }
        }
    }

    /// The CLI engine's store: a connection of its own, never inside a daemon's transaction.
    private func opened(_ world: DaemonSimulation) throws -> any WorkspaceStore { try world.cli.store() }
}
