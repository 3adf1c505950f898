import ArcoCore
import ArcoEngine

/// Lines `schedule` commands print for people.
enum ScheduleText {
    /// One line per tick event.
    static func render(_ event: ScheduleTickEvent, dryRun: Bool) {
        switch event {
        case .stopped(let name):
            Console.out("\(name): stopped, nothing evaluated; start it with `arco schedule start \(name)`")
        case .baseline(let name, let since?, let reason):
            Console.out("\(name): \(reason); ticks after \(since.iso8601) run\(dryRun ? " (dry run)" : "")")
        case .baseline(let name, nil, let reason):
            Console.out("\(name): \(reason); it starts over when running again")
        case .ticked(let tick):
            Console.out(line(tick, dryRun: dryRun))
        case .deferred(let name, let count):
            Console.out("\(name): \(Plural.count(count, "more missed tick")) \(count == 1 ? "waits" : "wait") for the next evaluation")
        case .launched(let runID):
            Console.out("started a worker for run \(runID)")
        }
    }

    static func line(_ tick: ScheduleTickOutcome, dryRun: Bool) -> String {
        let head = "\(tick.schedule) \(tick.localText) \(tick.status.rawValue)"
        switch tick.status {
        case .triggered:
            let run = tick.runID.map { "run \($0)" } ?? "a run"
            return head + (dryRun ? " would request a run" : " requested \(run)") + " (\(tick.runKey?.rawValue ?? "-"))"
        case .skipped, .failed:
            return head + ": " + (tick.reason ?? "-")
        }
    }
}
