import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation

@testable import ArcoEngine

/// Two or three daemons, concurrent CLI commands and simulated workers on one real store (SQLite
/// or PostgreSQL, each engine with its own connection as each process has), driven
/// step by step from one seed: pauses longer than the lease, crashes mid-pass, restarts and
/// clock skew within the documented bound (docs/adr/0022-daemon.md). Every choice comes from the
/// seed's generator and everything runs on one thread, so a seed replays exactly.
///
/// A pause or a crash happens inside a clock reading, i.e. inside the daemon's call stack: the
/// world runs the others from there (nested), then the paused daemon resumes as if nothing
/// happened, exactly like a process stopped between deciding and writing. A crashed daemon's
/// instance never resumes while the seed runs: the rest of the seed, its settling and its final
/// checks run nested inside that reading, and a restart is a new instance in the same slot.
final class DaemonSimulation: @unchecked Sendable {
    struct Configuration {
        var seed: UInt64
        var daemons = 3
        /// Simulated time the seed covers before it settles.
        var horizonSeconds: Int64 = 100
        var leaseSeconds: Int64 = 10
        /// The largest clock skew between a daemon and the world: two daemons differ by at most
        /// twice this, under ADR 0022's bound of lease / 3.
        var skewMaxSeconds: Int64 = 1
        /// `false` shows what the simulation finds without the fence.
        var fenced = true
        /// Keep a trace of every action (a failing seed is run again with it).
        var tracing = false
        /// The store every engine of the world opens: the workspace's SQLite file, or a
        /// PostgreSQL schema of its own per seed (`DaemonSimulationTests.postgresStore`).
        var store: StoreSelection = .sqlite
    }

    /// One daemon instance and its clock.
    struct Instance {
        var id: Int
        var daemon: Daemon
        var clock: SimulationClock
    }

    static let yaml = """
        version: 1
        assets:
          raw: { command: "true" }
          clean: { command: "true" }
        schedules:
          latest: { cron: "* * * * *", target: raw, status: running }
          every: { cron: "* * * * *", target: clean, catchup: all, max_catchup_ticks: 3, status: running }
        sensors:
          downstream: { kind: asset, watch: raw, target: clean, status: running }

        """

    let configuration: Configuration
    let root: String
    var random: SplitMixGenerator
    /// World time, microseconds since the epoch.
    var time: Int64
    let start: Int64
    var slots: [Instance?] = []
    /// Daemon instances on the call stack (paused or crashed): never stepped meanwhile.
    var suspended: Set<Int> = []
    /// Instances that crashed: their readings after the seed never act.
    var dead: Set<Int> = []
    var pauseActive = false
    /// Instances whose pass is stalled while their lease thread runs on: only heartbeats.
    var stalled: Set<Int> = []
    var stallActive = false
    var crashes = 0
    var finished = false
    var violations: [String] = []
    var trace: [String] = []
    var checker = InvariantChecker()
    var cli: Engine!
    var workerEngine: Engine!
    /// Daemon worker launches the injected launcher received, by run, whatever the claim said.
    var launches: [RunID: Int] = [:]
    var reports = 0
    var nextInstance = 0
    /// What the seed exercised, for the coverage line the test prints.
    var stats: [String: Int] = [:]

    init(_ configuration: Configuration) throws {
        self.configuration = configuration
        random = SplitMixGenerator(seed: configuration.seed)
        start = Timestamp(iso8601: "2024-01-01T00:00:30Z")!.microsecondsSinceEpoch
        time = start
        root = NSTemporaryDirectory() + "arco-sim-\(configuration.seed)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Self.yaml.write(toFile: root + "/arco.yaml", atomically: true, encoding: .utf8)
        cli = Engine(workspace: Workspace(root: root), environment: environment(clock: WorldClock(world: self), ids: SimulationIDs(tag: "c")))
        workerEngine = Engine(
            workspace: Workspace(root: root), environment: environment(clock: WorldClock(world: self), ids: SimulationIDs(tag: "w")))
        _ = try cli.store()
        slots = Array(repeating: nil, count: configuration.daemons)
        for slot in 0..<configuration.daemons { restart(slot) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The environment every engine of the world shares: fast commits (a simulated crash loses no
    /// acknowledged write), a short busy wait, and the simulated worker launcher.
    private func environment(clock: any WallClock, ids: any IDGenerator, daemon: Bool = false) -> EngineEnvironment {
        var environment = EngineEnvironment(clock: clock, ids: ids, synchronousFull: false, busyTimeoutMilliseconds: 2_000)
        environment.store = configuration.store
        environment.workerLauncher = { [unowned self] runID in self.launch(runID, byDaemon: daemon) }
        return environment
    }

    /// A new daemon instance in `slot` (a start or a restart after a crash).
    func restart(_ slot: Int) {
        let id = nextInstance
        nextInstance += 1
        let clock = SimulationClock(world: self, slot: slot)
        clock.instance = id
        clock.skewMicroseconds = Int64.random(
            in: -configuration.skewMaxSeconds * 1_000_000...configuration.skewMaxSeconds * 1_000_000, using: &random)
        let ids = SimulationIDs(tag: "d\(id)")
        let daemon = Daemon(
            workspace: Workspace(root: root), environment: environment(clock: clock, ids: ids, daemon: true),
            holder: LeaseHolder(id: "daemon-\(id)", host: "sim", pid: Int64(id)),
            options: DaemonOptions(interval: .seconds(5), lease: .seconds(configuration.leaseSeconds)),
            enforcesFence: configuration.fenced)
        ids.token = { [unowned fence = daemon.fence] in fence.current?.token }
        slots[slot] = Instance(id: id, daemon: daemon, clock: clock)
        note("start daemon-\(id) in slot \(slot), skew \(clock.skewMicroseconds / 1000) ms")
    }

    func note(_ line: @autoclosure () -> String) {
        guard configuration.tracing else { return }
        trace.append("[\(Timestamp(microsecondsSinceEpoch: time).iso8601)] \(line())")
    }

    // MARK: - Simulated workers

    /// What `arco worker --once --run RUN` does first: claim the run atomically. A claim that
    /// loses exits without running anything, so only successful claims count as executions.
    func launch(_ runID: RunID, byDaemon: Bool) {
        // A `schedule tick` by hand launches without a record (only daemons are fenced): its
        // spare launches are the claim's business, not the daemons'.
        if byDaemon { launches[runID, default: 0] += 1 }
        // Every daemon launch is recorded under the fence first, and a simulated worker claims at
        // once, so a second launch of a run (by any tenure) is a violation: a deposed leader
        // launched, or the launch record did not hold (`SQLiteStore.recordLaunch`).
        if launches[runID] == 2 {
            let token = try? cli.store().read { try $0.daemonLaunchToken(runID) }
            violations.append("run \(runID) launched twice (last recorded launch under token \(token.map(String.init) ?? "?"))")
        }
        let claimed = (try? workerEngine.claimRun(runID)) ?? false
        count(claimed ? "launches" : "spare launches refused by the claim")
    }

    // MARK: - Pauses and crashes

    /// Called on every daemon clock reading: maybe pause (the others run for longer than the
    /// lease) or crash (the rest of the seed runs) right here.
    func clockRead(slot: Int, instance: Int) {
        guard !finished, !dead.contains(instance), !suspended.contains(instance) else { return }
        let roll = Int.random(in: 0..<1000, using: &random)
        // No crash during a stall: the rest of the seed, settling included, would run with that
        // pass stalled for good, holding the lease its lease thread renews.
        if roll < 6, crashes < 2, !stallActive {
            crashes += 1
            dead.insert(instance)
            suspended.insert(instance)
            note("crash daemon-\(instance) mid-call")
            restartLater.append(slot)
            count("crashes")
            finish()
        } else if roll < 45, roll >= 30, !stallActive, let daemon = slots[slot]?.daemon, slots[slot]?.id == instance,
            !daemon.insideTenure.load(ordering: .acquiring), daemon.state.withLock({ $0.passInProgress })
        {
            // A stall: this pass stops here (a slow sensor command, a long fsync) while the
            // daemon's lease thread keeps running, so the world may call its heartbeat meanwhile:
            // the two threads of one daemon interleave, unlike a pause, which stops both.
            stallActive = true
            stalled.insert(instance)
            count("stalls")
            let stall = Int64.random(in: configuration.leaseSeconds * 1_200_000...configuration.leaseSeconds * 3_000_000, using: &random)
            note("stall daemon-\(instance)'s pass for \(stall / 1000) ms; its lease thread runs on")
            run(until: time + stall)
            stalled.remove(instance)
            stallActive = false
            note("daemon-\(instance)'s pass resumes")
        } else if roll < 30, !pauseActive {
            pauseActive = true
            count("pauses")
            suspended.insert(instance)
            let pause = Int64.random(in: configuration.leaseSeconds * 1_200_000...configuration.leaseSeconds * 3_000_000, using: &random)
            note("pause daemon-\(instance) for \(pause / 1000) ms")
            run(until: time + pause)
            suspended.remove(instance)
            pauseActive = false
            note("resume daemon-\(instance)")
        }
    }

    /// Slots whose instance crashed, restarted after a short while.
    var restartLater: [Int] = []

    // MARK: - Driving

    /// Runs the seed to its end: actions until the horizon, then settling and the final checks.
    func runSeed() {
        finish()
    }

    /// The rest of the seed from wherever it is called: until the horizon, settle, check once.
    private func finish() {
        run(until: start + configuration.horizonSeconds * 1_000_000)
        guard !finished else { return }
        settle()
        if !finished { finalCheck() }
        finished = true
    }

    /// Random actions until world time reaches `deadline`.
    func run(until deadline: Int64) {
        while !finished, time < deadline {
            time += Int64.random(in: 500_000...4_000_000, using: &random)
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<50: stepDaemon(full: true)
            case 50..<65: stepDaemon(full: false)
            case 65..<80: reportRaw()
            case 80..<83: tickByHand()
            case 83..<86: evalByHand()
            case 86..<92:
                if let slot = restartLater.first {
                    restartLater.removeFirst()
                    restart(slot)
                }
            default: time += Int64.random(in: 1_000_000...configuration.leaseSeconds * 1_000_000, using: &random)
            }
            guard !finished else { return }
            check()
        }
    }

    private func stepDaemon(full: Bool) {
        let live = slots.indices.filter { slot in slots[slot].map { !suspended.contains($0.id) } ?? false }
        guard let slot = live.randomElement(using: &random), let instance = slots[slot] else { return }
        // A stalled pass is on the stack: only its lease thread can act.
        let full = full && !stalled.contains(instance.id)
        do {
            let leading = full ? try instance.daemon.step(log: log) : try instance.daemon.heartbeat(log: log)
            note("daemon-\(instance.id) \(full ? "step" : "heartbeat"): \(leading ? "leads with token \(instance.daemon.token ?? -1)" : "standby")")
        } catch {
            unexpected("daemon-\(instance.id) failed: \(error)")
        }
    }

    func count(_ what: String) { stats[what, default: 0] += 1 }

    private func log(_ line: DaemonLogLine) {
        if !finished, line.action == "lead" || line.action == "fenced" { count(line.action == "lead" ? "acquisitions" : "fenced") }
        note("  log \(line.action) \(line.subject ?? "") \(line.why)\(line.runID.map { " run \($0)" } ?? "")")
    }

    /// `arco asset report raw`: work done outside arco, which the asset sensor reacts to.
    private func reportRaw() {
        reports += 1
        do {
            _ = try cli.reportMaterialization("raw", partition: nil, dataVersion: "v\(reports)", reportKey: "report-\(reports)")
            note("cli asset report raw v\(reports)")
        } catch {
            unexpected("asset report failed: \(error)")
        }
    }

    /// An operator runs `arco schedule tick` by hand while the daemons run.
    private func tickByHand() {
        do {
            let report = try cli.scheduleTick(launch: .launch)
            note("cli schedule tick: \(report.ticks.map(\.tickID))")
        } catch {
            unexpected("schedule tick failed: \(error)")
        }
    }

    /// An operator runs `arco sensor eval` by hand: unfenced, it races a daemon paused or
    /// stalled mid-evaluation for the sensor's cursor, which only the cursor CAS settles.
    private func evalByHand() {
        do {
            let report = try cli.sensorEval(launch: .launch)
            note("cli sensor eval: \(report.evaluations.map { "\($0.sensor) \($0.status.rawValue)" })")
        } catch {
            unexpected("sensor eval failed: \(error)")
        }
    }

    private func unexpected(_ message: String) {
        guard !finished else { return }
        violations.append("unexpected error: \(message)")
    }

    /// No more pauses, crashes or skew; every crashed slot restarted: a live leader must take
    /// over and catch up on everything due.
    private func settle() {
        for slot in restartLater { restart(slot) }
        restartLater = []
        let guarded = finished
        finished = true  // no more pauses or crashes from here on
        for instance in slots.compactMap({ $0 }) { instance.clock.skewMicroseconds = 0 }
        // Long enough for a paused holder's lease to lapse, a standby to take over, and three
        // catch-up passes (`max_catchup_ticks: 3`) for whatever fell behind.
        for _ in 0..<8 {
            time += configuration.leaseSeconds * 1_000_000 / 2
            for instance in slots.compactMap({ $0 }) where !suspended.contains(instance.id) {
                _ = stalled.contains(instance.id) ? try? instance.daemon.heartbeat(log: log) : try? instance.daemon.step(log: log)
            }
            check()
        }
        finished = guarded
    }

    // MARK: - Checks

    private func check() {
        do {
            try checker.check(self)
        } catch {
            violations.append("checker failed: \(error)")
        }
    }

    private func finalCheck() {
        do {
            try checker.checkLiveness(self)
        } catch {
            violations.append("liveness checker failed: \(error)")
        }
    }
}
